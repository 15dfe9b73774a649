using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vidnova.Restoration;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Restoration;

/// <summary>Every refusal is an RFC 9457 problem with a code and a sentence, and leaves the data as it was.</summary>
public abstract class BadInputTests : IAsyncLifetime
{
    private readonly VidnovaApp _app;
    private readonly Scenario _scenario;
    private string _dsoKey = "";

    protected BadInputTests(VidnovaApp app)
    {
        _app = app;
        _scenario = new Scenario(app);
    }

    public async Task InitializeAsync()
    {
        await _scenario.RegisterDsoAsync();
        _dsoKey = await _scenario.IssueDsoKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Apply_ForUnknownAccount_IsRefusedAndCreatesNothing()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor("9999999999"));

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("account_not_found", problem.Code);
        Assert.Contains("9999999999", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await ApplicationsForAsync("9999999999"));
    }

    [Fact]
    public async Task Apply_WhenOneKopiykaOfDebtRemains_IsRefusedWithTheShortfall()
    {
        await _scenario.PutAccountAsync("3000000001", debt: 0.01m);

        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor("3000000001"));

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("debt_outstanding", problem.Code);
        Assert.Contains("0,01 грн", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Шевченко", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Хрещатик", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await ApplicationsForAsync("3000000001"));
    }

    [Fact]
    public async Task Apply_InEnglish_ExplainsTheShortfallInEnglish()
    {
        await _scenario.PutAccountAsync("3000000009", debt: 1234.56m);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await client.PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor("3000000009"));

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("UAH 1,234.56", problem.Detail, StringComparison.Ordinal);
        Assert.StartsWith("The debt", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_WhenSupplyWasNotCutForDebt_IsRefused()
    {
        await _scenario.PutAccountAsync("3000000002", supplyStatus: "connected");

        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor("3000000002"));

        Assert.Equal("not_disconnected_for_debt", (await response.ReadAsync<Problem>(HttpStatusCode.Conflict)).Code);
    }

    [Fact]
    public async Task Apply_WithAnotherSurname_IsRefusedWithoutRevealingTheHolder()
    {
        await _scenario.PutAccountAsync("3000000003");

        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor("3000000003", surname: "Франко"));

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("holder_surname_mismatch", problem.Code);
        Assert.DoesNotContain("Шевченко", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await ApplicationsForAsync("3000000003"));
    }

    [Fact]
    public async Task Apply_WithSurnameInOtherCaseAndApostrophe_IsAccepted()
    {
        await _scenario.PutAccountAsync("3000000010", holder: "Дем'янчук Андрій Іванович");

        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications",
            Scenario.ApplicationFor("3000000010", surname: " демʼянчук "));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Apply_WithEmailsThatDiffer_NamesTheFieldAndCreatesNothing()
    {
        await _scenario.PutAccountAsync("3000000004");

        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications", new
        {
            accountNumber = "3000000004",
            holderSurname = "Шевченко",
            email = "taras@example.com",
            emailConfirmation = "taras@exampel.com",
            phone = "+380671234567",
        });

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_input", problem.Code);
        Assert.Equal(["emailConfirmation"], problem.Errors!.Keys);
        Assert.Equal(0, await ApplicationsForAsync("3000000004"));
    }

    [Fact]
    public async Task Apply_WithMalformedJson_IsAProblemNotACrash()
    {
        var response = await _app.CreateClient().PostAsync("/api/v1/restoration-applications",
            new StringContent("{\"accountNumber\": 12,", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ConfirmEmail_WithWrongCode_KeepsTheApplicationWaiting_AndLocksAfterFiveTries()
    {
        await _scenario.PutAccountAsync("3000000005");
        var applied = await _scenario.ApplyAsync("3000000005");
        var code = await _scenario.ConfirmationCodeAsync(applied.Number);
        var wrong = code == "000000" ? "111111" : "000000";
        var customer = _app.Customer(applied.AccessToken!);

        var first = await customer.PostAsJsonAsync($"/api/v1/restoration-applications/{applied.Id}/email-confirmation", new { code = wrong });
        var problem = await first.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("wrong_confirmation_code", problem.Code);
        Assert.Contains("4", problem.Detail, StringComparison.Ordinal);
        var after = await _scenario.GetAsync(applied);
        Assert.Equal("awaiting_email_confirmation", after.Status);
        Assert.Null(after.Invoice);

        for (var attempt = 2; attempt <= 5; attempt++)
        {
            await customer.PostAsJsonAsync($"/api/v1/restoration-applications/{applied.Id}/email-confirmation", new { code = wrong });
        }

        var locked = await customer.PostAsJsonAsync($"/api/v1/restoration-applications/{applied.Id}/email-confirmation", new { code });
        Assert.Equal("confirmation_locked", (await locked.ReadAsync<Problem>(HttpStatusCode.TooManyRequests)).Code);
    }

    [Fact]
    public async Task Application_WithoutOrWithWrongToken_LooksNotFound()
    {
        await _scenario.PutAccountAsync("3000000006");
        var applied = await _scenario.ApplyAsync("3000000006");

        var anonymous = await _app.CreateClient().GetAsync($"/api/v1/restoration-applications/{applied.Id}");
        var wrongToken = await _app.Customer("not-the-token").GetAsync($"/api/v1/restoration-applications/{applied.Id}");

        Assert.Equal("application_not_found", (await anonymous.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        Assert.Equal("application_not_found", (await wrongToken.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
    }

    [Fact]
    public async Task Receipt_OverTenMegabytes_IsRefusedAndNotStored()
    {
        await _scenario.PutAccountAsync("3000000007");
        var application = await _scenario.ConfirmedApplicationAsync("3000000007");
        var storedBefore = await _app.InDatabaseAsync(db => db.Set<ReceiptFile>().CountAsync());
        var oversize = new byte[(10 * 1024 * 1024) + 1];
        Scenario.PdfReceipt.CopyTo(oversize, 0);

        var response = await _scenario.UploadAsync(application, oversize);

        Assert.Equal("receipt_too_large", (await response.ReadAsync<Problem>(HttpStatusCode.RequestEntityTooLarge)).Code);
        var after = await _scenario.GetAsync(application);
        Assert.Equal("awaiting_payment", after.Status);
        Assert.Empty(after.Receipts);
        Assert.Equal(storedBefore, await _app.InDatabaseAsync(db => db.Set<ReceiptFile>().CountAsync()));
    }

    [Fact]
    public async Task Receipt_ThatIsAnExecutableNamedPdf_IsRefusedByItsContent()
    {
        await _scenario.PutAccountAsync("3000000008");
        var application = await _scenario.ConfirmedApplicationAsync("3000000008");
        byte[] executable = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0];

        var response = await _scenario.UploadAsync(application, executable, "receipt.pdf", "application/pdf");

        Assert.Equal("unsupported_receipt_type", (await response.ReadAsync<Problem>(HttpStatusCode.UnsupportedMediaType)).Code);
        Assert.Equal("awaiting_payment", (await _scenario.GetAsync(application)).Status);
    }

    [Fact]
    public async Task Receipt_BeforeEmailIsConfirmed_IsRefused()
    {
        await _scenario.PutAccountAsync("3000000011");
        var applied = await _scenario.ApplyAsync("3000000011");

        var response = await _scenario.UploadAsync(applied, Scenario.PdfReceipt);

        Assert.Equal("transition_not_allowed", (await response.ReadAsync<Problem>(HttpStatusCode.Conflict)).Code);
        Assert.Equal("awaiting_email_confirmation", (await _scenario.GetAsync(applied)).Status);
    }

    [Fact]
    public async Task ReceiptDecision_ByTheCustomer_IsForbidden()
    {
        await _scenario.PutAccountAsync("3000000012");
        var application = await _scenario.ConfirmedApplicationAsync("3000000012");
        (await _scenario.UploadAsync(application, Scenario.PdfReceipt)).EnsureSuccessStatusCode();

        var response = await _app.Customer(application.AccessToken!)
            .PostAsJsonAsync($"/api/v1/restoration-applications/{application.Id}/receipt-decision", new { approve = true });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("receipt_under_review", (await _scenario.GetAsync(application)).Status);
    }

    [Fact]
    public async Task Rejection_WithoutReason_IsRefused()
    {
        await _scenario.PutAccountAsync("3000000013");
        var application = await _scenario.ConfirmedApplicationAsync("3000000013");
        (await _scenario.UploadAsync(application, Scenario.PdfReceipt)).EnsureSuccessStatusCode();

        var response = await _app.Admin().PostAsJsonAsync($"/api/v1/restoration-applications/{application.Id}/receipt-decision", new { approve = false, reason = " " });

        Assert.Equal("reason_required", (await response.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("receipt_under_review", (await _scenario.GetAsync(application)).Status);
    }

    [Fact]
    public async Task DsoEvent_ReplayedOrUnknown_IsRefusedAndChangesNothing()
    {
        await _scenario.PutAccountAsync("3000000014");
        var sent = await _scenario.SentToDsoAsync("3000000014");
        var dso = _app.WithApiKey(_dsoKey);
        var events = $"/api/v1/dso/restoration-requests/{sent.DsoRequest!.Id}/events";
        (await dso.PostAsJsonAsync(events, new { type = "received", occurredAt = "2026-11-25T08:00:00Z" })).EnsureSuccessStatusCode();
        var deadline = (await _scenario.GetAsAdminAsync(sent.Id)).DsoRequest!.Deadline;

        var replay = await dso.PostAsJsonAsync(events, new { type = "received", occurredAt = "2026-11-25T08:01:00Z" });
        var unknownType = await dso.PostAsJsonAsync(events, new { type = "fixed", occurredAt = "2026-11-25T08:01:00Z" });
        var noInstant = await dso.PostAsJsonAsync(events, new { type = "completed" });
        var unknownRequest = await dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{Guid.NewGuid()}/events", new { type = "completed", occurredAt = "2026-11-25T08:01:00Z" });

        Assert.Equal("dso_event_not_allowed", (await replay.ReadAsync<Problem>(HttpStatusCode.Conflict)).Code);
        Assert.Equal(["type"], (await unknownType.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.Equal(["occurredAt"], (await noInstant.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.Equal("dso_request_not_found", (await unknownRequest.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        var after = await _scenario.GetAsAdminAsync(sent.Id);
        Assert.Equal("in_progress_at_dso", after.Status);
        Assert.Equal(deadline, after.DsoRequest!.Deadline);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 11, 25, 8, 0), after.DsoRequest.ReceivedAt);
    }

    [Fact]
    public async Task DsoApi_WithMissingWrongOrForeignKey_IsRefused()
    {
        await _scenario.RegisterDsoAsync("kyiv-region");
        var otherDsoKey = await _scenario.IssueDsoKeyAsync("kyiv-region");
        await _scenario.PutAccountAsync("3000000015");
        var sent = await _scenario.SentToDsoAsync("3000000015");
        var events = $"/api/v1/dso/restoration-requests/{sent.DsoRequest!.Id}/events";
        var completed = new { type = "completed", occurredAt = "2026-11-25T07:30:00Z" };

        var missing = await _app.CreateClient().PostAsJsonAsync(events, completed);
        var wrong = await _app.WithApiKey("dso_made_up").PostAsJsonAsync(events, completed);
        var foreign = await _app.WithApiKey(otherDsoKey).PostAsJsonAsync(events, completed);
        var foreignList = await (await _app.WithApiKey(otherDsoKey).GetAsync("/api/v1/dso/restoration-requests"))
            .ReadAsync<ItemList>(HttpStatusCode.OK);
        var adminIsNotADso = await _app.Admin().PostAsJsonAsync(events, completed);

        Assert.Equal("api_key_missing", (await missing.ReadAsync<Problem>(HttpStatusCode.Unauthorized)).Code);
        Assert.Equal("api_key_invalid", (await wrong.ReadAsync<Problem>(HttpStatusCode.Unauthorized)).Code);
        Assert.Equal("dso_request_not_found", (await foreign.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        Assert.Empty(foreignList.Items);
        Assert.Equal(HttpStatusCode.Forbidden, adminIsNotADso.StatusCode);
        Assert.Equal("sent_to_dso", (await _scenario.GetAsAdminAsync(sent.Id)).Status);
    }

    [Fact]
    public async Task DsoKeyFromConfiguration_SeesOnlyItsOwnRequests()
    {
        await _scenario.PutAccountAsync("3000000016");
        var sent = await _scenario.SentToDsoAsync("3000000016");
        var configured = _app.WithWebHostBuilder(b => b.UseSetting("Vidnova:DsoApiKeys:kyiv-city", "configured-dso-key"));
        var client = configured.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "configured-dso-key");

        var list = await (await client.GetAsync("/api/v1/dso/restoration-requests?status=pending")).ReadAsync<ItemList>(HttpStatusCode.OK);

        Assert.NotEmpty(list.Items);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.WithApiKey("configured-dso-key").GetAsync("/api/v1/dso/restoration-requests")).StatusCode);
        Assert.Equal("sent_to_dso", (await _scenario.GetAsAdminAsync(sent.Id)).Status);
    }

    [Fact]
    public async Task AdminApi_WithoutKey_IsUnauthorized_AndInvalidRequisitesAreNamed()
    {
        var anonymous = await _app.CreateClient().PutAsJsonAsync("/api/v1/dsos/new-dso", new { });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var invalid = await _app.Admin().PutAsJsonAsync("/api/v1/dsos/new-dso",
            new { name = "ОСР", edrpou = "41946012", iban = "UA213223130000026007233566002", restorationPrice = 10.005m });

        var problem = await invalid.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Equal(["edrpou", "iban", "restorationPrice"], problem.Errors!.Keys.Order());
    }

    private Task<int> ApplicationsForAsync(string account) =>
        _app.InDatabaseAsync(db => db.Set<RestorationApplication>().CountAsync(a => a.AccountNumber == Vidnova.Kernel.AccountNumber.Parse(account)));

    private sealed record ItemList(List<object> Items);
}

public sealed class BadInputOnSqlite(SqliteApp app) : BadInputTests(app), IClassFixture<SqliteApp>;

public sealed class BadInputOnPostgres(PostgresApp app) : BadInputTests(app), IClassFixture<PostgresApp>;
