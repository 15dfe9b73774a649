using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vidnova.Dso;
using Vidnova.Persistence;
using Vidnova.Restoration.PaymentStatements;
using Vidnova.Tests.InboundMail;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Dso;

/// <summary>The default mode, with a bank's CSV headers mapped by configuration as a deployment would.</summary>
public class StatementsApp : VidnovaApp
{
    public StatementsApp(DatabaseProvider provider)
        : base(provider) => Settings = new Dictionary<string, string?>
        {
            ["Dso:Statements:Csv:Delimiter"] = ";",
            ["Dso:Statements:Csv:Columns:LineId"] = "Референс",
            ["Dso:Statements:Csv:Columns:Amount"] = "Сума",
            ["Dso:Statements:Csv:Columns:ValueDate"] = "Дата валютування",
            ["Dso:Statements:Csv:Columns:PayerName"] = "Платник",
            ["Dso:Statements:Csv:Columns:PayerIban"] = "Рахунок платника",
            ["Dso:Statements:Csv:Columns:Purpose"] = "Призначення платежу",
        };
}

public sealed class StatementsSqliteApp() : StatementsApp(DatabaseProvider.Sqlite);

public sealed class StatementsPostgresApp() : StatementsApp(DatabaseProvider.Postgres);

/// <summary>
/// The DSO's bank statement is the proof of payment (issue 9, item 2): a line quoting the application number for at
/// least the invoice sends it to the DSO; a receipt PDF alone, however well drawn, does not.
/// </summary>
public abstract class PaymentStatementTests(StatementsApp app)
{
    private const string OtherDso = "kyiv-region";
    private const string Path = "/api/v1/dso/payment-statements";
    private static int _nextAccount;
    private readonly Scenario _scenario = new(app);

    [Fact]
    public async Task ForgedReceiptPdf_UnderTheDefaultMode_SendsNothingToTheDso()
    {
        var (application, dsoKey) = await AwaitingPaymentAsync();

        // IBAN, amount, purpose and date copied from the status page into a home-made "bank receipt": nothing was paid.
        (await _scenario.UploadAsync(application, Replies.BankReceipt(application.Number), "privat24.pdf")).EnsureSuccessStatusCode();

        var state = await _scenario.GetAsync(application);
        Assert.Equal("receipt_under_review", state.Status);
        Assert.Null(state.DsoRequest);
        Assert.Equal("pending", Assert.Single(state.Receipts).Decision);
        // The check still ran and is shown to the operator as a hint.
        Assert.Contains(state.Timeline, t => t.Kind == "receipt_verified" && t.Description.Contains("квитанція сама оплату не підтверджує", StringComparison.Ordinal));
        Assert.DoesNotContain(state.Timeline, t => t.Kind == "sent_to_dso");
        Assert.Empty(await DsoRequestsAsync(dsoKey, application.Number));
    }

    [Fact]
    public async Task StatusPage_SaysTheDsoConfirmsThePaymentFromItsStatement()
    {
        var (application, dsoKey) = await AwaitingPaymentAsync();
        var customer = app.CreateClient();

        var awaiting = await customer.GetStringAsync($"/restoration/{application.Id}?token={application.AccessToken}");
        (await _scenario.UploadAsync(application, Scenario.PdfReceipt)).EnsureSuccessStatusCode();
        var underReview = await customer.GetStringAsync($"/restoration/{application.Id}");
        var english = await customer.GetStringAsync($"/restoration/{application.Id}?culture=en");

        const string Note = "ОСР підтверджує оплату за своєю банківською випискою, зазвичай протягом банківського дня; надіслана квитанція пришвидшує перевірку.";
        Assert.Contains(Note, awaiting, StringComparison.Ordinal);
        Assert.Contains(Note, underReview, StringComparison.Ordinal);
        Assert.Contains("The DSO confirms your payment from its bank statement, usually within a banking day", english, StringComparison.Ordinal);

        await (await PostAsync(dsoKey, Statement(Line(NewLineId(), 1234.56m, $"Заява {application.Number}")))).ReadAsync<StatementBody>(HttpStatusCode.OK);
        Assert.Contains("ОСР підтвердив оплату за своєю банківською випискою", await customer.GetStringAsync($"/restoration/{application.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatementLine_ConfirmsThePayment_AndTheRequestGoesToTheDso()
    {
        var (application, dsoKey) = await AwaitingPaymentAsync();
        var lineId = NewLineId();

        var result = await (await PostAsync(dsoKey, Statement(Line(lineId, 1234.56m, $"Оплата відновлення електропостачання, заява {application.Number}"))))
            .ReadAsync<StatementBody>(HttpStatusCode.OK);

        var matched = Assert.Single(result.Matched);
        Assert.Equal(lineId, matched.LineId);
        Assert.Equal(application.Number, matched.ApplicationNumber);
        Assert.Empty(result.Unmatched);
        Assert.Empty(result.Duplicates);
        var state = await _scenario.GetAsAdminAsync(application.Id);
        Assert.Equal("sent_to_dso", state.Status);
        var confirmed = Assert.Single(state.Timeline, t => t.Kind == "payment_confirmed");
        Assert.Equal($"dso-statement:{Scenario.DsoCode}", confirmed.Actor);
        Assert.Contains(lineId, confirmed.Description, StringComparison.Ordinal);
        Assert.Equal(state.DsoRequest!.Id, Assert.Single(await DsoRequestsAsync(dsoKey, application.Number)).GetProperty("id").GetGuid());
        var mail = await app.Mail.WaitForAsync(m => m.Subject == $"Заявку {application.Number} передано ОСР", "saying the request went to the DSO");
        Assert.Contains("за своєю банківською випискою", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Квитанцію перевірено", mail.TextBody, StringComparison.Ordinal);

        var stored = await app.InDatabaseAsync(db => db.Set<PaymentStatementLine>().AsNoTracking().SingleAsync(l => l.LineId == lineId));
        Assert.Equal(StatementLineOutcome.Confirmed, stored.Outcome);
        Assert.Equal(application.Id, stored.ApplicationId);
        Assert.Equal($"dso:{Scenario.DsoCode}", stored.ReceivedBy);
        Assert.Equal("Шевченко Тарас Григорович", stored.PayerName);
        Assert.Equal(Scenario.DsoIban, stored.PayerIban);
    }

    [Fact]
    public async Task StatementLine_ConfirmsAnApplicationWithAReceiptUnderReview_AndQueuesTheDelivery()
    {
        var (application, dsoKey) = await AwaitingPaymentAsync(channel: new { type = "email", address = "restoration@dso.example" });
        (await _scenario.UploadAsync(application, Replies.BankReceipt(application.Number))).EnsureSuccessStatusCode();

        var result = await (await PostAsync(dsoKey, Statement(Line(NewLineId(), 1300m, $"вн 2026 {application.Number[^6..]} відновлення"))))
            .ReadAsync<StatementBody>(HttpStatusCode.OK);

        Assert.Equal(application.Number, Assert.Single(result.Matched).ApplicationNumber);
        var state = await _scenario.GetAsync(application);
        Assert.Equal("sent_to_dso", state.Status);
        var receipt = Assert.Single(state.Receipts);
        Assert.Equal("approved", receipt.Decision);
        var requestId = state.DsoRequest!.Id;
        Assert.True(await app.InDatabaseAsync(db => db.Set<DsoDelivery>().AnyAsync(d => d.WorkOrderId == requestId && d.EventType == DsoDelivery.RestorationRequested)),
            "The restoration request was not queued for the DSO's channel.");
    }

    [Fact]
    public async Task LinesThatConfirmNothing_AreKept_AndListedForStaff()
    {
        var (application, dsoKey) = await AwaitingPaymentAsync();
        var (foreign, _) = await AwaitingPaymentAsync(dso: OtherDso);
        var (cancelled, _) = await AwaitingPaymentAsync();
        (await app.Customer(cancelled.AccessToken!).PostAsJsonAsync($"/api/v1/restoration-applications/{cancelled.Id}/cancellation", new { reason = "передумав" }))
            .EnsureSuccessStatusCode();
        var (underpaid, unknown, other, wrongState, noNumber) = (NewLineId(), NewLineId(), NewLineId(), NewLineId(), NewLineId());

        var result = await (await PostAsync(dsoKey, Statement(
                Line(underpaid, 1234.55m, $"Заява {application.Number}"),
                Line(unknown, 1234.56m, "Заява VN-2026-999999"),
                Line(other, 1234.56m, $"Заява {foreign.Number}"),
                Line(wrongState, 1234.56m, $"Заява {cancelled.Number}"),
                Line(noNumber, 1234.56m, "Оплата послуг"))))
            .ReadAsync<StatementBody>(HttpStatusCode.OK);

        Assert.Empty(result.Matched);
        Assert.Equal([underpaid, unknown, other, wrongState, noNumber], result.Unmatched);
        Assert.Equal("awaiting_payment", (await _scenario.GetAsync(application)).Status);
        Assert.Equal("awaiting_payment", (await _scenario.GetAsync(foreign)).Status);
        var stored = await app.InDatabaseAsync(db => db.Set<PaymentStatementLine>().AsNoTracking()
            .Where(l => l.Outcome != StatementLineOutcome.Confirmed).ToDictionaryAsync(l => l.LineId, l => l.Outcome));
        Assert.Equal(StatementLineOutcome.Underpaid, stored[underpaid]);
        Assert.Equal(StatementLineOutcome.UnknownApplication, stored[unknown]);
        Assert.Equal(StatementLineOutcome.OtherDso, stored[other]);
        Assert.Equal(StatementLineOutcome.WrongState, stored[wrongState]);
        Assert.Equal(StatementLineOutcome.NoApplicationNumber, stored[noNumber]);

        var staff = await StaffAsync();
        var page = await staff.GetStringAsync("/backoffice/payment-statements");
        Assert.All([underpaid, unknown, other, wrongState, noNumber], id => Assert.Contains($"data-line-id=\"{id}\"", page, StringComparison.Ordinal));
        Assert.Contains($"href=\"/backoffice/applications/{application.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains("Сума менша за рахунок", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/backoffice/payment-statements\"", page, StringComparison.Ordinal);
        var searched = await staff.GetStringAsync($"/backoffice/payment-statements?q={foreign.Number}");
        Assert.Contains($"data-line-id=\"{other}\"", searched, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-line-id=\"{underpaid}\"", searched, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-line-id=\"{underpaid}\"", await staff.GetStringAsync("/backoffice/payment-statements?show=matched"), StringComparison.Ordinal);
        Assert.Contains("DSO statements", await staff.GetStringAsync("/backoffice/payment-statements?culture=en"), StringComparison.Ordinal);
        // The operator sees the short payment beside the application too.
        var applicationPage = await staff.GetStringAsync($"/backoffice/applications/{application.Id}");
        Assert.Contains("Банківська виписка ОСР", applicationPage, StringComparison.Ordinal);
        Assert.Contains(underpaid, applicationPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameLineAgain_IsADuplicate_AndChangesNothing()
    {
        var (application, dsoKey) = await AwaitingPaymentAsync();
        var lineId = NewLineId();
        var line = Line(lineId, 1234.56m, $"Заява {application.Number}");
        await (await PostAsync(dsoKey, Statement(line))).ReadAsync<StatementBody>(HttpStatusCode.OK);

        // Again, even with another amount, and twice within one call: the line was applied once.
        var again = await (await PostAsync(dsoKey, Statement(line, Line(lineId, 1.00m, "інше")))).ReadAsync<StatementBody>(HttpStatusCode.OK);

        Assert.Empty(again.Matched);
        Assert.Empty(again.Unmatched);
        Assert.Equal([lineId, lineId], again.Duplicates);
        var state = await _scenario.GetAsync(application);
        Assert.Single(state.Timeline, t => t.Kind == "payment_confirmed");
        Assert.Single(state.Timeline, t => t.Kind == "sent_to_dso");
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Set<PaymentStatementLine>().CountAsync(l => l.LineId == lineId)));
    }

    [Fact]
    public async Task ConcurrentPostsOfTheSameLine_ConfirmOnce_WithoutAnError()
    {
        var (application, dsoKey) = await AwaitingPaymentAsync();
        var lineId = NewLineId();
        var body = Statement(Line(lineId, 1234.56m, $"Заява {application.Number}"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(dsoKey, body)));

        var results = new List<StatementBody>();
        foreach (var response in responses)
        {
            results.Add(await response.ReadAsync<StatementBody>(HttpStatusCode.OK));
        }

        Assert.Single(results, r => r.Matched.Count == 1);
        Assert.Equal(5, results.Count(r => r.Duplicates.SequenceEqual([lineId])));
        Assert.Single((await _scenario.GetAsync(application)).Timeline, t => t.Kind == "sent_to_dso");
    }

    [Fact]
    public async Task OneBadLine_RefusesTheWholeCall_WithAnErrorPerLine()
    {
        var (application, dsoKey) = await AwaitingPaymentAsync();
        var good = NewLineId();

        var response = await PostAsync(dsoKey, Statement(
            Line(good, 1234.56m, $"Заява {application.Number}"),
            Line(NewLineId(), -5m, $"Заява {application.Number}"),
            new { lineId = NewLineId(), amount = 10m, valueDate = "2026-13-01", payerName = "Х", payerIban = "UA00123", purpose = "Заява" }));

        var problem = await response.ReadAsync<JsonElement>(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_input", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal(["lines[1].amount", "lines[2].valueDate", "lines[2].payerIban"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal("awaiting_payment", (await _scenario.GetAsync(application)).Status);
        Assert.False(await app.InDatabaseAsync(db => db.Set<PaymentStatementLine>().AnyAsync(l => l.LineId == good)));

        var english = await WithLanguage(app.WithApiKey(dsoKey), "en").PostAsJsonAsync(Path, Statement(Line(NewLineId(), 0m, "x")));
        var englishErrors = (await english.ReadAsync<JsonElement>(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("positive", englishErrors.GetProperty("lines[0].amount")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANullLine_IsAnErrorOfThatLine_NotAServerError()
    {
        var (application, dsoKey) = await AwaitingPaymentAsync();

        var response = await PostAsync(dsoKey, new { statementId = "ST-null", lines = new object?[] { Line(NewLineId(), 1234.56m, $"Заява {application.Number}"), null } });

        var problem = await response.ReadAsync<JsonElement>(HttpStatusCode.BadRequest);
        Assert.Equal(["lines[1]"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("awaiting_payment", (await _scenario.GetAsync(application)).Status);
    }

    [Fact]
    public async Task WithoutTheDsoKey_TheStatementIsRefused()
    {
        var (application, _) = await AwaitingPaymentAsync();
        var body = Statement(Line(NewLineId(), 1234.56m, $"Заява {application.Number}"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync(Path, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithApiKey("dso_not_a_key").PostAsJsonAsync(Path, body)).StatusCode);
        Assert.Equal("awaiting_payment", (await _scenario.GetAsync(application)).Status);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("windows-1251")]
    public async Task CsvUpload_ThroughTheBackOffice_ConfirmsLikeTheApi(string encoding)
    {
        var (application, _) = await AwaitingPaymentAsync();
        var (confirmedLine, unknownLine) = (NewLineId(), NewLineId());
        var csv = "Референс;Дата валютування;Сума;Платник;Рахунок платника;Призначення платежу\r\n"
            + $"{confirmedLine};25.11.2026;1 234,56;Шевченко Тарас Григорович;;\"Оплата за відновлення; заява {application.Number}\"\r\n"
            + $"{unknownLine};25.11.2026;100,00;Коваленко Олена;{Scenario.DsoIban};Заява VN-2026-999998\r\n";
        var bytes = encoding == "utf-8" ? Encoding.UTF8.GetBytes(csv) : Windows1251.GetBytes(csv);

        var staff = await StaffAsync();
        var page = await UploadAsync(staff, bytes, encoding == "utf-8" ? "Utf8" : "Windows1251");

        Assert.Contains("оплату підтверджено — 1, не зіставлено — 1, повтори — 0", page, StringComparison.Ordinal);
        var state = await _scenario.GetAsync(application);
        Assert.Equal("sent_to_dso", state.Status);
        Assert.Equal($"dso-statement:{Scenario.DsoCode}", Assert.Single(state.Timeline, t => t.Kind == "payment_confirmed").Actor);
        var stored = await app.InDatabaseAsync(db => db.Set<PaymentStatementLine>().AsNoTracking().SingleAsync(l => l.LineId == unknownLine));
        Assert.Equal("Коваленко Олена", stored.PayerName);
        Assert.Equal("csv", stored.Source);
        Assert.StartsWith("staff:", stored.ReceivedBy, StringComparison.Ordinal);
        Assert.Equal("statement.csv", stored.StatementId);

        // The same file again: every line a repeat.
        Assert.Contains("оплату підтверджено — 0, не зіставлено — 0, повтори — 2", await UploadAsync(staff, bytes, encoding == "utf-8" ? "Utf8" : "Windows1251"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvUpload_OfAMalformedFile_ShowsWhyAndChangesNothing()
    {
        var (application, _) = await AwaitingPaymentAsync();
        var lineId = NewLineId();
        var csv = "Референс;Дата валютування;Сума;Платник;Рахунок платника;Призначення платежу\r\n"
            + $"{lineId};25.11.2026;1234,56;Шевченко Тарас;;Заява {application.Number}\r\n"
            + $"{NewLineId()};25.11.2026;дуже багато;Шевченко Тарас;;Заява {application.Number}\r\n";
        var staff = await StaffAsync();

        var badLine = await UploadAsync(staff, Encoding.UTF8.GetBytes(csv), "Utf8");
        var wrongEncoding = await UploadAsync(staff, Windows1251.GetBytes(csv), "Utf8");
        var wrongHeaders = await UploadAsync(staff, Encoding.UTF8.GetBytes("lineId,amount\r\n1,2\r\n"), "Utf8");

        Assert.Contains("Виписку не завантажено — нічого не змінено.", badLine, StringComparison.Ordinal);
        Assert.Contains("Рядок 3 файлу: Сума", badLine, StringComparison.Ordinal);
        Assert.Contains("Файл не в кодуванні UTF-8", wrongEncoding, StringComparison.Ordinal);
        Assert.Contains("У файлі немає стовпців", System.Net.WebUtility.HtmlDecode(wrongHeaders), StringComparison.Ordinal);
        Assert.Equal("awaiting_payment", (await _scenario.GetAsync(application)).Status);
        Assert.False(await app.InDatabaseAsync(db => db.Set<PaymentStatementLine>().AnyAsync(l => l.LineId == lineId)));
    }

    private static Encoding Windows1251
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1251);
        }
    }

    private async Task<(ApplyBody Application, string DsoKey)> AwaitingPaymentAsync(string dso = Scenario.DsoCode, object? channel = null)
    {
        if (channel is not null)
        {
            dso = $"dso-{Interlocked.Increment(ref _nextAccount)}";
            var registered = await app.Admin().PutAsJsonAsync($"/api/v1/dsos/{dso}", new
            {
                name = $"ОСР {dso}",
                edrpou = Scenario.DsoEdrpou,
                iban = Scenario.DsoIban,
                restorationPrice = 1234.56m,
                channel,
            });
            Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        }
        else
        {
            await _scenario.RegisterDsoAsync(dso);
        }

        var account = $"35{Interlocked.Increment(ref _nextAccount):00000000}";
        await _scenario.PutAccountAsync(account, dso: dso);
        var application = await _scenario.ConfirmedApplicationAsync(account);
        return (application, await _scenario.IssueDsoKeyAsync(dso));
    }

    private async Task<HttpClient> StaffAsync()
    {
        var login = $"statements{Interlocked.Increment(ref _nextAccount)}@vidnova.test";
        await app.AddStaffAsync(login);
        return await app.SignInStaffAsync(login);
    }

    private static async Task<string> UploadAsync(HttpClient staff, byte[] file, string encoding)
    {
        var form = await staff.GetStringAsync("/backoffice/payment-statements");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(StaffSignIn.AntiforgeryTokenIn(form)), "__RequestVerificationToken" },
            { new StringContent(Scenario.DsoCode), "uploadDso" },
            { new StringContent(encoding), "encoding" },
        };
        var csv = new ByteArrayContent(file);
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(csv, "file", "statement.csv");
        var response = await staff.PostAsync("/backoffice/payment-statements?handler=Import", content);
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {page}");
        return page;
    }

    private Task<HttpResponseMessage> PostAsync(string dsoKey, object body) => app.WithApiKey(dsoKey).PostAsJsonAsync(Path, body);

    /// <summary>What the DSO sees of <paramref name="number"/> when it lists its requests (the class's tests share one DSO).</summary>
    private async Task<List<JsonElement>> DsoRequestsAsync(string dsoKey, string number) =>
        [.. (await (await app.WithApiKey(dsoKey).GetAsync("/api/v1/dso/restoration-requests")).ReadAsync<JsonElement>(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Where(r => r.GetProperty("applicationNumber").GetString() == number)];

    private static HttpClient WithLanguage(HttpClient client, string language)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    private static object Statement(params object[] lines) => new { statementId = $"ST-{Guid.NewGuid():N}"[..20], lines };

    private static object Line(string lineId, decimal amount, string purpose) => new
    {
        lineId,
        amount,
        valueDate = "2026-11-25",
        payerName = "Шевченко Тарас Григорович",
        payerIban = Scenario.DsoIban,
        purpose,
    };

    private static string NewLineId() => $"L{Guid.NewGuid():N}"[..16];
}

public sealed record StatementBody(IReadOnlyList<MatchedLineBody> Matched, IReadOnlyList<string> Unmatched, IReadOnlyList<string> Duplicates);

public sealed record MatchedLineBody(string LineId, string ApplicationNumber);

public sealed class PaymentStatementsOnSqlite(StatementsSqliteApp app) : PaymentStatementTests(app), IClassFixture<StatementsSqliteApp>;

public sealed class PaymentStatementsOnPostgres(StatementsPostgresApp app) : PaymentStatementTests(app), IClassFixture<StatementsPostgresApp>;
