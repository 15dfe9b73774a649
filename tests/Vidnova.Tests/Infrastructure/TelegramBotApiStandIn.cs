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

/// <summary>A file the bot sent, as the multipart upload carried it.</summary>
public sealed record SentFile(string FileName, byte[] Content);

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
    private readonly ConcurrentDictionary<string, byte[]> _files = new();
    private readonly ConcurrentQueue<(long ChatId, SentFile File)> _sentFiles = new();
    private int _messageIds;
    private int _tooManyRequests;

    public TelegramBotApiStandIn()
    {
        Port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
        _app = builder.Build();
        _app.MapGet("/file/{bot}/{**path}", (string bot, string path) =>
            bot == $"bot{BotToken}" && _files.TryGetValue(path, out var content) ? Results.Bytes(content, "application/octet-stream") : Results.NotFound());
        _app.MapPost("/{**path}", (string path, HttpRequest request) => HandleAsync(path, request));
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<BotApiCall> Calls => [.. _calls];

    /// <summary>The next <paramref name="count"/> calls are refused with Telegram's flood-control 429 (retry after 1 s).</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _tooManyRequests, count);

    /// <summary>A file a user sent, kept as Telegram keeps it: <c>getFile</c> gives its path, <c>/file/bot&lt;token&gt;/&lt;path&gt;</c> its bytes.</summary>
    public void HoldFile(string fileId, byte[] content) => _files[$"documents/{fileId}"] = content;

    /// <summary>The documents the bot sent to the chat (<c>sendDocument</c>'s multipart file), oldest first.</summary>
    public IReadOnlyList<SentFile> Files(long chatId) => [.. _sentFiles.Where(f => f.ChatId == chatId).Select(f => f.File)];

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

    /// <summary>A photo from a private chat (Telegram sends it in several sizes; the last is the largest).</summary>
    public static object PhotoMessage(long updateId, long chatId, string fileId, int size, string language = "uk") => new
    {
        update_id = updateId,
        message = new
        {
            message_id = (int)(updateId % 100000),
            date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            chat = new { id = chatId, type = "private", first_name = "Тарас" },
            from = new { id = chatId, is_bot = false, first_name = "Тарас", language_code = language },
            photo = new[]
            {
                new { file_id = $"{fileId}-small", file_unique_id = $"s-{fileId}", width = 90, height = 160, file_size = 1200 },
                new { file_id = fileId, file_unique_id = $"u-{fileId}", width = 720, height = 1280, file_size = size },
            },
        },
    };

    /// <summary>A contact the user shared with the keyboard's «send my number» button.</summary>
    public static object ContactMessage(long updateId, long chatId, string phone) => new
    {
        update_id = updateId,
        message = new
        {
            message_id = (int)(updateId % 100000),
            date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            chat = new { id = chatId, type = "private", first_name = "Тарас" },
            from = new { id = chatId, is_bot = false, first_name = "Тарас", language_code = "uk" },
            contact = new { phone_number = phone, first_name = "Тарас", user_id = chatId },
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

        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        var parameters = request.HasJsonContentType()
            ? (await JsonNode.ParseAsync(request.Body))?.AsObject() ?? []
            : form is not null ? FormParameters(form) : [];
        if (Interlocked.Decrement(ref _tooManyRequests) >= 0)
        {
            return Results.Json(new { ok = false, error_code = 429, description = "Too Many Requests: retry after 1", parameters = new { retry_after = 1 } },
                statusCode: 429);
        }

        foreach (var file in form?.Files ?? (IEnumerable<IFormFile>)[])
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content);
            _sentFiles.Enqueue((parameters["chat_id"]?.GetValue<long>() ?? 0, new SentFile(file.FileName, content.ToArray())));
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
            "getFile" when parameters["file_id"]?.GetValue<string>() is { } fileId && _files.TryGetValue($"documents/{fileId}", out var held) => Results.Json(new
            {
                ok = true,
                result = new { file_id = fileId, file_unique_id = $"u-{fileId}", file_size = held.Length, file_path = $"documents/{fileId}" },
            }),
            "getFile" => Results.Json(new { ok = false, error_code = 400, description = "Bad Request: invalid file_id" }, statusCode: 400),
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
