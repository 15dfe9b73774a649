using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vidnova.Tests.Infrastructure;

/// <summary>One Bot API method call the bot made: its method name and JSON parameters.</summary>
public sealed record BotApiCall(string Method, JsonObject Parameters)
{
    public long? ChatId => Parameters["chat_id"]?.GetValue<long>();

    public string? Text => Parameters["text"]?.GetValue<string>();
}

/// <summary>
/// A local stand-in for Telegram's Bot API (https://core.telegram.org/bots/api), on 127.0.0.1: it answers the
/// methods the bot calls as Telegram does (<c>{"ok":true,"result":…}</c>, or a 429 with <c>retry_after</c> when asked
/// to), records every call, and pushes updates to the bot's webhook with the secret header, as Telegram does.
/// </summary>
public sealed class TelegramBotApiStandIn : IAsyncDisposable
{
    public const string BotToken = "123456:test-bot-token";
    public const string Secret = "webhook-secret-for-tests";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<BotApiCall> _calls = new();
    private int _messageIds;
    private int _tooManyRequests;

    public TelegramBotApiStandIn()
    {
        Port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
        _app = builder.Build();
        _app.MapPost("/{**path}", (string path, HttpRequest request) => HandleAsync(path, request));
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<BotApiCall> Calls => [.. _calls];

    /// <summary>The next <paramref name="count"/> calls are refused with Telegram's flood-control 429 (retry after 1 s).</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _tooManyRequests, count);

    public IReadOnlyList<BotApiCall> MessagesTo(long chatId) => [.. Calls.Where(c => c.Method == "sendMessage" && c.ChatId == chatId)];

    /// <summary>The <paramref name="index"/>-th message (from 0) the bot sent to the chat, or null while there is none.</summary>
    public BotApiCall? MessageTo(long chatId, int index) => MessagesTo(chatId) is { } messages && messages.Count > index ? messages[index] : null;

    /// <summary>Telegram's push of an update: the JSON body and the secret header (a wrong one when <paramref name="secret"/> says so).</summary>
    public static async Task<HttpResponseMessage> PushAsync(HttpClient bot, object update, string secret = Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/telegram/webhook")
        {
            Content = new StringContent(JsonSerializer.Serialize(update), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        return await bot.SendAsync(request);
    }

    /// <summary>A text message from a private chat, as Telegram's <c>Update</c> carries it.</summary>
    public static object TextMessage(long updateId, long chatId, string text, string language = "uk") => new
    {
        update_id = updateId,
        message = new
        {
            message_id = (int)(updateId % 100000),
            date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            chat = new { id = chatId, type = "private", first_name = "Тарас" },
            from = new { id = chatId, is_bot = false, first_name = "Тарас", language_code = language },
            text,
        },
    };

    /// <summary>A press of an inline keyboard button.</summary>
    public static object ButtonPress(long updateId, long chatId, string data, string language = "uk") => new
    {
        update_id = updateId,
        callback_query = new
        {
            id = $"cb-{updateId}",
            from = new { id = chatId, is_bot = false, first_name = "Тарас", language_code = language },
            chat_instance = "ci-1",
            data,
            message = new
            {
                message_id = 1,
                date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                chat = new { id = chatId, type = "private", first_name = "Тарас" },
                text = "menu",
            },
        },
    };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A call to <c>/bot&lt;token&gt;/&lt;method&gt;</c>, as the Bot API's addresses are made.</summary>
    private async Task<IResult> HandleAsync(string path, HttpRequest request)
    {
        var slash = path.LastIndexOf('/');
        var token = slash > 3 && path.StartsWith("bot", StringComparison.Ordinal) ? path[3..slash] : "";
        var method = path[(slash + 1)..];
        if (token != BotToken)
        {
            return Results.Json(new { ok = false, error_code = 401, description = "Unauthorized" }, statusCode: 401);
        }

        var parameters = request.HasJsonContentType()
            ? (await JsonNode.ParseAsync(request.Body))?.AsObject() ?? []
            : request.HasFormContentType ? FormParameters(await request.ReadFormAsync()) : [];
        if (Interlocked.Decrement(ref _tooManyRequests) >= 0)
        {
            return Results.Json(new { ok = false, error_code = 429, description = "Too Many Requests: retry after 1", parameters = new { retry_after = 1 } },
                statusCode: 429);
        }

        _calls.Enqueue(new BotApiCall(method, parameters));
        return method switch
        {
            "sendMessage" or "editMessageText" or "sendDocument" => Results.Json(new
            {
                ok = true,
                result = new
                {
                    message_id = Interlocked.Increment(ref _messageIds),
                    date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    chat = new { id = parameters["chat_id"]?.GetValue<long>() ?? 0, type = "private" },
                    text = parameters["text"]?.GetValue<string>(),
                },
            }),
            _ => Results.Json(new { ok = true, result = true }),
        };
    }

    private static JsonObject FormParameters(IFormCollection form)
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in form)
        {
            parameters[key] = long.TryParse(value, out var number) ? JsonValue.Create(number) : JsonValue.Create(value.ToString());
        }

        return parameters;
    }
}
