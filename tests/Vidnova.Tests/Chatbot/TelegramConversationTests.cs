using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Billing.Runs;
using Vidnova.Chatbot;
using Vidnova.Kernel;
using Vidnova.Payments.Online;
using Vidnova.Restoration;
using Vidnova.Tests.InboundMail;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Chatbot;

/// <summary>
/// What a connected household does in the bot, over HTTP as Telegram pushes it: a reading zone by zone (with a
/// confirmation of an unusual one, and an answer Telegram refused once sent once), the debt paid through a checkout
/// link, a bill's PDF, applying for restoration with the shared phone and sending the receipt as a photo that reaches
/// the operators' queue; and a chat that is not connected checking an application by its number and code.
/// </summary>
public abstract class TelegramConversationTests(TelegramApp app) : IAsyncLifetime
{
    private readonly CabinetCustomers _customers = new(app);
    private readonly Scenario _scenario = new(app);
    private readonly HttpClient _telegram = app.CreateClient();
    // Telegram's update ids grow across all chats; the webhook takes a repeated one for a resend.
    private static long s_updateId = 20_000;

    public async Task InitializeAsync()
    {
        app.Clock.Reset(Instant.FromUtc(2026, 11, 29, 9, 0));
        await _scenario.RegisterDsoAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AReading_IsAskedZoneByZone_AnUnusualOneIsConfirmed_AndItIsTheAccountsReading()
    {
        const long chat = 556001;
        const string account = "7510000001";
        await ConnectedAsync(chat, account);
        (await app.Admin().PutAsJsonAsync($"/api/v1/accounts/{account}/meter",
            new { serialNumber = "TG-1", zones = 2, digits = 6, installedOn = "2026-09-01", readings = new { day = 1200, night = 400 } })).EnsureSuccessStatusCode();

        var ask = await PressAsync(chat, $"read:{account}");
        Assert.Contains("01.09.2026", ask.Text, StringComparison.Ordinal);
        Assert.Contains("Денна зона", ask.Text, StringComparison.Ordinal);

        // Telegram refuses the answer once (flood control): the update is handled again, and the question still comes once.
        app.BotApi.RefuseNext(1);
        var night = await SayAsync(chat, "1350");
        Assert.Contains("Нічна зона", night.Text, StringComparison.Ordinal);
        var accepted = await SayAsync(chat, "460");
        Assert.Contains("Показання прийнято за 2026-11", accepted.Text, StringComparison.Ordinal);
        Assert.Contains("210 кВт·год", accepted.Text, StringComparison.Ordinal);
        await AllHandledAsync();
        Assert.Single(app.BotApi.MessagesTo(chat), m => m.Text!.StartsWith("Нічна зона", StringComparison.Ordinal));

        var readings = await ReadingsAsync(account);
        var filed = Assert.Single(readings, r => r.GetProperty("source").GetString() == "customer");
        Assert.Equal(1350m, filed.GetProperty("values").GetProperty("day").GetDecimal());
        Assert.Equal(460m, filed.GetProperty("values").GetProperty("night").GetDecimal());

        // The next day an impossible jump: asked to be confirmed, filed only once confirmed.
        app.Clock.Advance(Duration.FromDays(1));
        await PressAsync(chat, $"read:{account}");
        await SayAsync(chat, "9350");
        var unusual = await SayAsync(chat, "470");
        Assert.Contains("більше, ніж зазвичай", unusual.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("confirm", unusual.Text, StringComparison.Ordinal);
        Assert.Equal(["yes", "no"], Buttons(unusual).Select(b => b["callback_data"]!.GetValue<string>()));
        Assert.Single(await ReadingsAsync(account), r => r.GetProperty("source").GetString() == "customer");

        var confirmed = await PressAsync(chat, "yes");
        Assert.Contains("Показання прийнято", confirmed.Text, StringComparison.Ordinal);
        var latest = (await ReadingsAsync(account)).First();
        Assert.Equal(9350m, latest.GetProperty("values").GetProperty("day").GetDecimal());
        Assert.True(latest.GetProperty("confirmed").GetBoolean());
    }

    [Fact]
    public async Task TheDebt_IsPaidThroughACheckoutLink_ForTheWholeDebt()
    {
        const long chat = 556002;
        const string account = "7510000002";
        await ConnectedAsync(chat, account, debt: 812.40m);

        var card = await PressAsync(chat, $"acct:{account}");
        Assert.Contains("812,40", Normalised(card.Text), StringComparison.Ordinal);
        Assert.Contains(Buttons(card), b => b["callback_data"]?.GetValue<string>() == $"pay:{account}");

        var link = await PressAsync(chat, $"pay:{account}");
        var url = new Uri(Assert.Single(Buttons(link))["url"]!.GetValue<string>());
        Assert.StartsWith("https://vidnova.test/simulators/liqpay/api/3/checkout", url.AbsoluteUri, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var data = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(query["data"]!)))!;
        Assert.Equal(812.40m, data["amount"]!.GetValue<decimal>());
        Assert.False(string.IsNullOrEmpty(query["signature"]));
        var orderId = data["order_id"]!.GetValue<string>();
        Assert.Contains(orderId, link.Text, StringComparison.Ordinal);
        // The order is recorded before the customer pays, so the provider's callback finds it.
        var order = await app.InDatabaseAsync(db => db.Set<OnlinePayment>().SingleAsync(p => p.Id == Guid.Parse(orderId)));
        Assert.Equal(AccountNumber.Parse(account), order.AccountNumber);
    }

    [Fact]
    public async Task ABill_IsSentAsItsPdf()
    {
        const long chat = 556003;
        const string account = "7510000003";
        await ConnectedAsync(chat, account);
        app.Clock.Reset(Instant.FromUtc(2026, 12, 4, 9, 0));
        (await app.Admin().PutAsJsonAsync($"/api/v1/accounts/{account}/meter",
            new { serialNumber = "TG-3", zones = 1, digits = 6, installedOn = "2026-10-31", readings = new { total = 5000 } })).EnsureSuccessStatusCode();
        (await app.Admin().PostAsJsonAsync($"/api/v1/accounts/{account}/readings",
            new { takenOn = "2026-11-30", values = new { total = 5200 }, source = "staff" })).EnsureSuccessStatusCode();
        var runner = app.Services.GetRequiredService<BillingRunner>();
        await runner.QueueAsync(BillingPeriod.Of(2026, 11), "test", CancellationToken.None);
        await runner.PlanQueuedAsync(CancellationToken.None);
        while (await runner.BillNextBatchAsync("telegram-test", CancellationToken.None))
        {
        }

        var list = await PressAsync(chat, $"bills:{account}");
        var bill = Assert.Single(Buttons(list));
        Assert.Equal($"bill:{account}:2026-11", bill["callback_data"]!.GetValue<string>());
        Assert.Contains("864,00", Normalised(bill["text"]!.GetValue<string>()), StringComparison.Ordinal);

        await PushAsync(TelegramBotApiStandIn.ButtonPress(NextUpdateId(), chat, $"bill:{account}:2026-11"));
        var document = await Eventually.ValueAsync(() => Task.FromResult(app.BotApi.Calls.FirstOrDefault(c => c.Method == "sendDocument" && c.ChatId == chat)),
            TimeSpan.FromSeconds(20), () => $"no document: {string.Join("\n", app.Errors.Entries)}");
        Assert.Contains("864,00", Normalised(document.Parameters["caption"]!.GetValue<string>()), StringComparison.Ordinal);
        var file = Assert.Single(app.BotApi.Files(chat));
        Assert.Equal($"rakhunok-{account}-2026-11.pdf", file.FileName);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(file.Content, 0, 4), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADisconnectedHousehold_AppliesWithItsSharedPhone_AndItsReceiptPhotoReachesTheOperators()
    {
        const long chat = 556004;
        const string account = "7510000004";
        await ConnectedAsync(chat, account, supplyStatus: "disconnected_for_debt");

        var status = await PressAsync(chat, $"rest:{account}");
        Assert.Contains(Buttons(status), b => b["callback_data"]?.GetValue<string>() == $"apply:{account}");
        var askPhone = await PressAsync(chat, $"apply:{account}");
        Assert.True(askPhone.Parameters["reply_markup"]!["keyboard"]![0]![0]!["request_contact"]!.GetValue<bool>());

        await PushAsync(TelegramBotApiStandIn.ContactMessage(NextUpdateId(), chat, "+380671234567"));
        var filed = await NextMessageAsync(chat, 2);
        Assert.Contains("Заяву VN-", filed[0].Text, StringComparison.Ordinal);
        Assert.Contains("IBAN", filed[1].Text, StringComparison.Ordinal);
        Assert.Contains("1 234,56", Normalised(filed[1].Text), StringComparison.Ordinal);
        var number = System.Text.RegularExpressions.Regex.Match(filed[0].Text!, @"VN-\d{4}-\d{6}").Value;
        var applicationId = await app.InDatabaseAsync(db => db.Set<RestorationApplication>().Where(a => a.Number == number).Select(a => a.Id).SingleAsync());

        var photo = Replies.Photo();
        app.BotApi.HoldFile("receipt-photo-1", photo);
        await PushAsync(TelegramBotApiStandIn.PhotoMessage(NextUpdateId(), chat, "receipt-photo-1", photo.Length));
        var taken = (await NextMessageAsync(chat, 1))[0];
        Assert.Contains($"Квитанцію отримано для заяви {number}", taken.Text, StringComparison.Ordinal);

        // The same photo again is the same receipt.
        await PushAsync(TelegramBotApiStandIn.PhotoMessage(NextUpdateId(), chat, "receipt-photo-1", photo.Length));
        Assert.Contains("вже отримано", (await NextMessageAsync(chat, 1))[0].Text, StringComparison.Ordinal);

        var application = await _scenario.GetAsAdminAsync(applicationId);
        Assert.Equal("receipt_under_review", application.Status);
        var receipt = Assert.Single(application.Receipts);
        // Pending, it waits in the operators' queue (or for the DSO's statement) like an upload from the cabinet.
        Assert.Equal("pending", receipt.Decision);
        Assert.Equal("image/jpeg", receipt.ContentType);
        Assert.Contains(application.Timeline, t => t.Kind == "receipt_received");
    }

    [Fact]
    public async Task AChatNotConnected_ChecksAnApplicationByNumberAndCode_AndWrongGuessesAreLimited()
    {
        const long chat = 556005;
        await _scenario.PutAccountAsync("7510000005", supplyStatus: "disconnected_for_debt");
        var applied = await _scenario.ApplyAsync("7510000005");
        var code = await _scenario.ConfirmationCodeAsync(applied.Number);

        var hello = await SayAsync(chat, "/start");
        Assert.Contains("кабінеті", hello.Text, StringComparison.Ordinal);
        Assert.Equal("lookup", Assert.Single(Buttons(hello))["callback_data"]!.GetValue<string>());

        var wrong = await SayAsync(chat, $"{applied.Number} {(code == "000000" ? "111111" : "000000")}");
        // A wrong code reads as a number that does not exist: nobody learns which applications wait for their code.
        Assert.Contains("не знайдено", wrong.Text, StringComparison.Ordinal);

        // The right code confirms the email, as the email says («введіть код у застосунку чи чат-боті»), and shows the invoice.
        var found = await SayAsync(chat, $"{applied.Number} {code}");
        Assert.Contains(applied.Number, found.Text, StringComparison.Ordinal);
        Assert.Contains("IBAN", found.Text, StringComparison.Ordinal);
        Assert.Equal("awaiting_payment", (await _scenario.GetAsync(applied)).Status);

        // The wrong code counted; four more wrong pairs reach the hour's limit.
        for (var guess = 1; guess < TelegramChatState.MaxFailedLookupsPerHour; guess++)
        {
            var unknown = await SayAsync(chat, $"VN-2026-99999{guess} 123456");
            Assert.Contains("не знайдено", unknown.Text, StringComparison.Ordinal);
        }

        var limited = await SayAsync(chat, $"{applied.Number} {code}");
        Assert.Contains("Забагато", limited.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("IBAN", limited.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCabinetsPage_ConnectsTelegramWithALinkAndItsQr_AndDisconnectsIt()
    {
        const long chat = 556006;
        const string account = "7510000006";
        const string email = "bot-page@example.com";
        await _scenario.PutAccountAsync(account);
        var (_, loginId) = await _customers.SignedInWithAsync(email, account);
        var browser = await _customers.CabinetCookieClientAsync(email);

        var home = await browser.GetStringAsync("/cabinet");
        Assert.Contains("href=\"/cabinet/telegram\">Підключити Telegram", home, StringComparison.Ordinal);

        var connect = await CabinetPages.SubmitAsync(browser, "/cabinet/telegram", new Dictionary<string, string>(), "/cabinet/telegram?handler=Connect");
        var page = await connect.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, connect.StatusCode);
        var token = System.Text.RegularExpressions.Regex.Match(page, @"https://t\.me/vidnova_test_bot\?start=([A-Za-z0-9_-]+)").Groups[1].Value;
        Assert.NotEmpty(token);
        Assert.Contains("src=\"data:image/png;base64,", page, StringComparison.Ordinal);
        Assert.Contains("29.11.2026", page, StringComparison.Ordinal);

        var linked = await SayAsync(chat, $"/start {token}");
        Assert.Contains("підключено", linked.Text, StringComparison.Ordinal);
        Assert.Contains("Telegram-бот: підключено", await browser.GetStringAsync("/cabinet"), StringComparison.Ordinal);

        var disconnected = await CabinetPages.SubmitAsync(browser, "/cabinet/telegram", new Dictionary<string, string>(), "/cabinet/telegram?handler=Disconnect");
        Assert.Equal(HttpStatusCode.Redirect, disconnected.StatusCode);
        Assert.Contains("Telegram відключено", await browser.GetStringAsync("/cabinet/telegram"), StringComparison.Ordinal);
        Assert.False(await app.InDatabaseAsync(db => db.Set<TelegramChat>().AnyAsync(c => c.LoginId == loginId)));
        var after = await PressAsync(chat, "balance");
        Assert.DoesNotContain(account, after.Text, StringComparison.Ordinal);
        // The spent link does not connect the chat again.
        Assert.Contains("застаріле", (await SayAsync(chat, $"/start {token}")).Text, StringComparison.Ordinal);

        // Nor does a fresh one in a group chat, where every member would see the accounts: the bot answers private chats only.
        var fresh = await CabinetPages.SubmitAsync(browser, "/cabinet/telegram", new Dictionary<string, string>(), "/cabinet/telegram?handler=Connect");
        var groupToken = System.Text.RegularExpressions.Regex.Match(await fresh.Content.ReadAsStringAsync(), @"start=([A-Za-z0-9_-]+)").Groups[1].Value;
        const long group = -100556006;
        await PushAsync(new
        {
            update_id = NextUpdateId(),
            message = new
            {
                message_id = 1,
                date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                chat = new { id = group, type = "supergroup", title = "Сім'я" },
                from = new { id = chat, is_bot = false, first_name = "Тарас", language_code = "uk" },
                text = $"/start {groupToken}",
            },
        });
        await AllHandledAsync();
        Assert.Empty(app.BotApi.MessagesTo(group));
        Assert.False(await app.InDatabaseAsync(db => db.Set<TelegramChat>().AnyAsync(c => c.ChatId == group)));
    }

    private async Task ConnectedAsync(long chat, string account, decimal debt = 0m, string supplyStatus = "connected")
    {
        await _scenario.PutAccountAsync(account, debt: debt, supplyStatus: supplyStatus);
        var (customer, _) = await _customers.SignedInWithAsync($"bot-{account}@example.com", account);
        var link = await (await customer.PostAsync("/api/v1/me/telegram-link", null)).ReadAsync<JsonElement>(HttpStatusCode.Created);
        var linked = await SayAsync(chat, $"/start {link.GetProperty("token").GetString()}");
        Assert.Contains("підключено", linked.Text, StringComparison.Ordinal);
        Assert.Contains(Buttons(linked), b => b["callback_data"]?.GetValue<string>() == $"acct:{account}");
    }

    private async Task<BotApiCall> SayAsync(long chat, string text)
    {
        await PushAsync(TelegramBotApiStandIn.TextMessage(NextUpdateId(), chat, text));
        return (await NextMessageAsync(chat, 1))[0];
    }

    private async Task<BotApiCall> PressAsync(long chat, string data)
    {
        await PushAsync(TelegramBotApiStandIn.ButtonPress(NextUpdateId(), chat, data));
        return (await NextMessageAsync(chat, 1))[0];
    }

    private static long NextUpdateId() => Interlocked.Increment(ref s_updateId);

    private async Task PushAsync(object update) =>
        Assert.Equal(HttpStatusCode.OK, (await TelegramBotApiStandIn.PushAsync(_telegram, update)).StatusCode);

    /// <summary>Waits until the update pushed last is handled, then gives the last <paramref name="count"/> messages it sent.</summary>
    private async Task<IReadOnlyList<BotApiCall>> NextMessageAsync(long chat, int count)
    {
        await AllHandledAsync();
        var messages = app.BotApi.MessagesTo(chat);
        Assert.True(messages.Count >= count, $"expected {count} messages to {chat}, got {messages.Count}: {string.Join("\n", app.Errors.Entries)}");
        return [.. messages.TakeLast(count)];
    }

    private async Task AllHandledAsync()
    {
        string[] waiting = [];
        await Eventually.TrueAsync(async () =>
        {
            waiting = await app.InDatabaseAsync(db => db.Set<TelegramUpdate>().Where(u => u.ProcessedAt == null && u.DeadLetteredAt == null)
                .Select(u => $"{u.UpdateId}: {u.LastError}").ToArrayAsync());
            return waiting.Length == 0;
        }, TimeSpan.FromSeconds(20), () => $"updates still waiting to be handled: {string.Join("\n", waiting)}");
    }

    private async Task<List<JsonElement>> ReadingsAsync(string account) =>
        [.. (await (await app.Admin().GetAsync($"/api/v1/accounts/{account}/readings")).ReadAsync<JsonElement>(HttpStatusCode.OK)).EnumerateArray()];

    private static List<JsonNode> Buttons(BotApiCall message) =>
        [.. (message.Parameters["reply_markup"]?["inline_keyboard"]?.AsArray() ?? []).SelectMany(row => row!.AsArray()).Select(b => b!)];

    private static string Normalised(string? text) => (text ?? "").Replace('\u00a0', ' ').Replace('\u202f', ' ');
}

public sealed class TelegramConversationOnSqlite(TelegramSqliteApp app) : TelegramConversationTests(app), IClassFixture<TelegramSqliteApp>;

public sealed class TelegramConversationOnPostgres(TelegramPostgresApp app) : TelegramConversationTests(app), IClassFixture<TelegramPostgresApp>;
