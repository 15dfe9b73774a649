using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vidnova.Chatbot;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Chatbot;

/// <summary>A host whose bot talks to a local Bot API stand-in.</summary>
public class TelegramApp : VidnovaApp
{
    public TelegramApp(DatabaseProvider provider)
        : base(provider)
    {
        BotApi = new TelegramBotApiStandIn();
        Settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = TelegramBotApiStandIn.BotToken,
            ["Telegram:BotUsername"] = "vidnova_test_bot",
            ["Telegram:ApiBaseUrl"] = BotApi.BaseUrl,
            ["Telegram:WebhookSecret"] = TelegramBotApiStandIn.Secret,
            ["Telegram:PollSeconds"] = "0.2",
            ["Payments:LiqPay:PublicKey"] = "sandbox_i00000000001",
            ["Payments:LiqPay:PrivateKey"] = "sandbox_private_for_the_bot_tests",
            ["Payments:LiqPay:CheckoutUrl"] = "https://vidnova.test/simulators/liqpay/api/3/checkout",
            ["Payments:LiqPay:ApiUrl"] = "https://vidnova.test/simulators/liqpay/api/request",
        };
    }

    public TelegramBotApiStandIn BotApi { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await BotApi.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class TelegramSqliteApp() : TelegramApp(DatabaseProvider.Sqlite);

public sealed class TelegramPostgresApp() : TelegramApp(DatabaseProvider.Postgres);

/// <summary>
/// The bot over HTTP: Telegram's pushes to the webhook (a wrong secret, duplicates), connecting a chat with the
/// cabinet's one-time deep link, the balance of the login's accounts, disconnecting, and Telegram's flood control.
/// </summary>
public abstract class TelegramBotTests(TelegramApp app)
{
    private readonly CabinetCustomers _customers = new(app);
    private readonly Scenario _scenario = new(app);

    /// <summary>Every stored update has been handled: whatever the bot was to send, it sent.</summary>
    private Task AllHandledAsync() => Eventually.TrueAsync(
        () => app.InDatabaseAsync(db => db.Set<TelegramUpdate>().AllAsync(u => u.ProcessedAt != null || u.DeadLetteredAt != null)),
        TimeSpan.FromSeconds(20), () => "updates still waiting to be handled");

    [Fact]
    public async Task AnUpdateWithoutTheSecret_IsRefused_AndChangesNothing()
    {
        var bot = app.CreateClient();
        var wrong = await TelegramBotApiStandIn.PushAsync(bot, TelegramBotApiStandIn.TextMessage(9001, 555001, "/start"), secret: "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("telegram_secret_invalid", (await wrong.ReadAsync<Problem>(HttpStatusCode.Unauthorized)).Code);

        var garbage = await TelegramBotApiStandIn.PushAsync(bot, new { hello = "world" });
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        // Nothing was stored, so nothing will ever be answered.
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Set<TelegramUpdate>().CountAsync(u => u.ChatId == 555001)));
        Assert.Empty(app.BotApi.MessagesTo(555001));
    }

    [Fact]
    public async Task ADeepLink_ConnectsTheChat_ThenTheBalanceIsAnsweredOnce_HoweverOftenTelegramResends()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("7500000001", debt: 1234.56m, supplyStatus: "connected");
        var (customer, _) = await _customers.SignedInWithAsync("bot-7500000001@example.com", "7500000001");
        const long chat = 555002;

        var link = await (await customer.PostAsync("/api/v1/me/telegram-link", null)).ReadAsync<JsonElement>(HttpStatusCode.Created);
        var token = link.GetProperty("token").GetString()!;
        Assert.Equal($"https://t.me/vidnova_test_bot?start={token}", link.GetProperty("url").GetString());

        var bot = app.CreateClient();
        var start = TelegramBotApiStandIn.TextMessage(9101, chat, $"/start {token}");
        Assert.Equal(HttpStatusCode.OK, (await TelegramBotApiStandIn.PushAsync(bot, start)).StatusCode);
        // Telegram resends what it got no 200 for; a resend is stored once and answered once.
        var again = await (await TelegramBotApiStandIn.PushAsync(bot, start)).ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.False(again.GetProperty("recorded").GetBoolean());
        var linked = await Eventually.ValueAsync(() => Task.FromResult(app.BotApi.MessageTo(chat, 0)), TimeSpan.FromSeconds(15), () => $"no answer to /start: {string.Join("\n", app.Errors.Entries)}");
        Assert.Contains("підключено", linked.Text, StringComparison.Ordinal);

        for (var copy = 0; copy < 3; copy++)
        {
            await TelegramBotApiStandIn.PushAsync(bot, TelegramBotApiStandIn.ButtonPress(9102, chat, "balance"));
        }

        var balance = await Eventually.ValueAsync(() => Task.FromResult(app.BotApi.MessageTo(chat, 1)), TimeSpan.FromSeconds(15),
            () => $"no balance: {string.Join("\n", app.Errors.Entries)}");
        Assert.Contains("7500000001", balance.Text, StringComparison.Ordinal);
        Assert.Contains("1 234,56", balance.Text!.Replace('\u00a0', ' ').Replace('\u202f', ' '), StringComparison.Ordinal);
        await AllHandledAsync();
        Assert.Equal(2, app.BotApi.MessagesTo(chat).Count);
        Assert.Single(app.BotApi.Calls, c => c.Method == "answerCallbackQuery" && c.Parameters["callback_query_id"]?.GetValue<string>() == "cb-9102");

        // The same link a second time connects nothing: it was spent.
        await TelegramBotApiStandIn.PushAsync(bot, TelegramBotApiStandIn.TextMessage(9103, 555003, $"/start {token}"));
        var spent = await Eventually.ValueAsync(() => Task.FromResult(app.BotApi.MessageTo(555003, 0)), TimeSpan.FromSeconds(15), () => $"no answer: {string.Join("\n", app.Errors.Entries)}");
        Assert.Contains("застаріле", spent.Text, StringComparison.Ordinal);

        // Disconnected from the cabinet, the chat sees nothing of the accounts any more.
        Assert.Equal(HttpStatusCode.NoContent, (await customer.DeleteAsync("/api/v1/me/telegram-link")).StatusCode);
        await TelegramBotApiStandIn.PushAsync(bot, TelegramBotApiStandIn.ButtonPress(9104, chat, "balance", language: "en"));
        var after = await Eventually.ValueAsync(() => Task.FromResult(app.BotApi.MessageTo(chat, 2)), TimeSpan.FromSeconds(15), () => $"no answer: {string.Join("\n", app.Errors.Entries)}");
        Assert.Contains("connect Telegram", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("7500000001", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TelegramsFloodControl_IsWaitedOut_AndTheAnswerStillGoesOnce()
    {
        const long chat = 555004;
        app.BotApi.RefuseNext(1);
        await TelegramBotApiStandIn.PushAsync(app.CreateClient(), TelegramBotApiStandIn.TextMessage(9201, chat, "/menu"));

        var answer = await Eventually.ValueAsync(() => Task.FromResult(app.BotApi.MessageTo(chat, 0)), TimeSpan.FromSeconds(20), () => $"no answer after the 429: {string.Join("\n", app.Errors.Entries)}");
        Assert.Contains("кабінеті", answer.Text, StringComparison.Ordinal);
        await AllHandledAsync();
        Assert.Single(app.BotApi.MessagesTo(chat));
    }
}

public sealed class TelegramBotOnSqlite(TelegramSqliteApp app) : TelegramBotTests(app), IClassFixture<TelegramSqliteApp>;

public sealed class TelegramBotOnPostgres(TelegramPostgresApp app) : TelegramBotTests(app), IClassFixture<TelegramPostgresApp>;
