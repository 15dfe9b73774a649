using System.Net;
using System.Net.Http.Json;
using NodaTime;
using Vidnova.Restoration;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Restoration;

/// <summary>The whole journey over HTTP: apply → confirm email → invoice → receipt → approval → DSO → restored.</summary>
public abstract class RestorationJourneyTests
{
    private readonly VidnovaApp _app;
    private readonly Scenario _scenario;

    protected RestorationJourneyTests(VidnovaApp app)
    {
        _app = app;
        _scenario = new Scenario(app);
    }

    [Fact]
    public async Task Journey_FromApplicationToRestoredSupply_RunsThroughTheApi()
    {
        await _scenario.RegisterDsoAsync();
        var dsoKey = await _scenario.IssueDsoKeyAsync();
        await _scenario.PutAccountAsync("2000000001", debt: 0m);

        var beforeRestoration = await (await _app.Admin().GetAsync("/api/v1/accounts/2000000001")).ReadAsync<AccountBody>(HttpStatusCode.OK);
        Assert.Equal("disconnected_for_debt", beforeRestoration.SupplyStatus);

        // Apply: 201 with a token, email with a code.
        var applied = await _scenario.ApplyAsync("2000000001");
        Assert.Equal("awaiting_email_confirmation", applied.Status);
        Assert.Matches(@"^VN-2026-\d{6}$", applied.Number);
        Assert.False(string.IsNullOrEmpty(applied.AccessToken));
        var code = await _scenario.ConfirmationCodeAsync(applied.Number);
        var confirmationMail = _app.Mail.All().Single(m => m.Subject.Contains(applied.Number, StringComparison.Ordinal));
        Assert.Contains($"https://vidnova.test/restoration/{applied.Id}/confirm?token=", confirmationMail.HtmlBody, StringComparison.Ordinal);

        // Confirm: the invoice is issued from the DSO's price list with its requisites and the number in the purpose.
        var confirmed = await (await _app.Customer(applied.AccessToken!)
                .PostAsJsonAsync($"/api/v1/restoration-applications/{applied.Id}/email-confirmation", new { code }))
            .ReadAsync<ApplicationResponse>(HttpStatusCode.OK);
        Assert.Equal("awaiting_payment", confirmed.Status);
        Assert.Equal(1234.56m, confirmed.Invoice!.Amount);
        Assert.Equal(Scenario.DsoIban, confirmed.Invoice.Iban);
        Assert.Equal(Scenario.DsoEdrpou, confirmed.Invoice.RecipientCode);
        Assert.Equal("ПрАТ «ДТЕК Київські електромережі»", confirmed.Invoice.RecipientName);
        Assert.Contains(applied.Number, confirmed.Invoice.Purpose, StringComparison.Ordinal);
        var invoiceMail = await _app.Mail.WaitForAsync(m => m.Subject.StartsWith("Рахунок", StringComparison.Ordinal), "with the invoice");
        Assert.Contains(Scenario.DsoIban, invoiceMail.TextBody, StringComparison.Ordinal);
        Assert.Contains("1\u00A0234,56 грн", invoiceMail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Призначення платежу", invoiceMail.HtmlBody, StringComparison.Ordinal);

        // Receipt: under review until an operator approves it.
        var uploaded = await (await _scenario.UploadAsync(applied, Scenario.PdfReceipt)).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
        Assert.Equal("receipt_under_review", uploaded.Status);
        Assert.Equal("application/pdf", Assert.Single(uploaded.Receipts).ContentType);

        var approved = await (await _app.Admin().PostAsJsonAsync($"/api/v1/restoration-applications/{applied.Id}/receipt-decision", new { approve = true }))
            .ReadAsync<ApplicationResponse>(HttpStatusCode.OK);
        Assert.Equal("sent_to_dso", approved.Status);
        Assert.Equal("pending", approved.DsoRequest!.Status);

        // The DSO sees its pending request with what it needs to reconnect.
        var dso = _app.WithApiKey(dsoKey);
        var pending = await (await dso.GetAsync("/api/v1/dso/restoration-requests?status=pending")).ReadAsync<DsoRequestList>(HttpStatusCode.OK);
        var request = Assert.Single(pending.Items);
        Assert.Equal(approved.DsoRequest.Id, request.Id);
        Assert.Equal("62Z100000000001Z", request.Eic);
        Assert.Equal(applied.Number, request.ApplicationNumber);

        // Received on Wednesday 25 Nov 2026 at 23:30 Kyiv time (21:30 UTC): counting starts Thursday → Mon 30 Nov.
        var receivedAt = Instant.FromUtc(2026, 11, 25, 21, 30);
        _app.Clock.Reset(receivedAt + Duration.FromMinutes(1));
        var received = await (await dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{request.Id}/events",
                new { type = "received", occurredAt = "2026-11-25T21:30:00Z" }))
            .ReadAsync<DsoRequestItemBody>(HttpStatusCode.OK);
        Assert.Equal("received", received.Status);
        Assert.Equal(new LocalDate(2026, 11, 30), received.Deadline);

        var inProgress = await _scenario.GetAsync(applied);
        Assert.Equal("in_progress_at_dso", inProgress.Status);
        Assert.Equal(new LocalDate(2026, 11, 30), inProgress.DsoRequest!.Deadline);
        Assert.Equal(receivedAt, inProgress.DsoRequest.ReceivedAt);

        var completed = await dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{request.Id}/events",
            new { type = "completed", occurredAt = "2026-11-25T21:31:00Z" });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);

        // The DSO's completion, not anyone's PUT, is what reconnects the account.
        var account = await (await _app.Admin().GetAsync("/api/v1/accounts/2000000001")).ReadAsync<AccountBody>(HttpStatusCode.OK);
        Assert.Equal("connected", account.SupplyStatus);

        var restored = await _scenario.GetAsync(applied);
        Assert.Equal("restored", restored.Status);
        Assert.Equal(
            ["submitted", "email_confirmed", "invoice_issued", "receipt_received", "receipt_needs_operator", "receipt_approved", "sent_to_dso", "dso_received", "dso_completed"],
            restored.Timeline.Select(t => t.Kind));

        // The customer was told at every step.
        await _app.Mail.WaitForAsync(m => m.Subject.StartsWith("Електропостачання відновлено", StringComparison.Ordinal), "about the restoration");
        var subjects = _app.Mail.All().Where(m => m.To == "taras@example.com").Select(m => m.Subject).ToList();
        Assert.Contains(subjects, s => s.StartsWith("Квитанцію отримано", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.StartsWith("Заявку", StringComparison.Ordinal) && s.EndsWith("передано ОСР", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.StartsWith("ОСР прийняв заявку", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Completion_SetsTheAccountConnected()
    {
        await _scenario.RegisterDsoAsync();
        var dsoKey = await _scenario.IssueDsoKeyAsync();
        await _scenario.PutAccountAsync("2000000002");
        var sent = await _scenario.SentToDsoAsync("2000000002");

        var completed = await _app.WithApiKey(dsoKey).PostAsJsonAsync($"/api/v1/dso/restoration-requests/{sent.DsoRequest!.Id}/events",
            new { type = "completed", occurredAt = _app.Clock.GetCurrentInstant().ToString() });

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var supply = await _app.InDatabaseAsync(async db =>
            (await db.Set<Vidnova.Accounts.PersonalAccount>().FindAsync(Vidnova.Kernel.AccountNumber.Parse("2000000002")))!.SupplyStatus);
        Assert.Equal(Vidnova.Accounts.SupplyStatus.Connected, supply);
        var application = await _scenario.GetAsAdminAsync(sent.Id);
        Assert.Contains("без попереднього підтвердження", application.Timeline[^1].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectedReceipt_TellsTheCustomerWhy_AndAcceptsANewOne()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("2000000003");
        var application = await _scenario.ConfirmedApplicationAsync("2000000003");
        (await _scenario.UploadAsync(application, Scenario.PdfReceipt)).EnsureSuccessStatusCode();

        var rejected = await (await _app.Admin().PostAsJsonAsync($"/api/v1/restoration-applications/{application.Id}/receipt-decision",
                new { approve = false, reason = "Сума менша за рахунок" }))
            .ReadAsync<ApplicationResponse>(HttpStatusCode.OK);

        Assert.Equal("awaiting_payment", rejected.Status);
        Assert.Equal("Сума менша за рахунок", Assert.Single(rejected.Receipts).RejectionReason);
        var mail = await _app.Mail.WaitForAsync(m => m.Subject.StartsWith("Квитанцію не прийнято", StringComparison.Ordinal), "about the rejection");
        Assert.Contains("Сума менша за рахунок", mail.TextBody, StringComparison.Ordinal);

        var again = await (await _scenario.UploadAsync(application, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], "photo.png", "image/png"))
            .ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
        Assert.Equal("receipt_under_review", again.Status);
        Assert.Equal(2, again.Receipts.Count);
    }

    [Fact]
    public async Task RepeatedSubmission_ReturnsTheOpenApplication_WithoutAToken()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("2000000004");
        var first = await _scenario.ApplyAsync("2000000004");

        var repeat = await (await _app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications",
                Scenario.ApplicationFor("2000000004", email: "someone.else@example.com")))
            .ReadAsync<ApplyBody>(HttpStatusCode.OK);

        Assert.Equal(first.Id, repeat.Id);
        Assert.Equal(first.Number, repeat.Number);
        Assert.Null(repeat.AccessToken);
        Assert.Equal(1, await _app.InDatabaseAsync(db => Task.FromResult(db.Set<RestorationApplication>().Count(a => a.Number == first.Number))));
        var reminder = await _app.Mail.WaitForAsync(m => m.Subject.Contains("вже в роботі", StringComparison.Ordinal), "about the open application");
        Assert.Equal("taras@example.com", reminder.To);
    }

    [Fact]
    public async Task Payment_ThatClearsTheDebt_MakesTheAccountEligible()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("2000000005", debt: 300.50m);
        var refused = await _app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor("2000000005"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        var payment = new { accountNumber = "2000000005", amount = 300.50m, paidAt = "2026-11-24T10:00:00Z", channel = "privatbank", reference = "PB-778812" };
        var booked = await (await _app.Admin().PostAsJsonAsync("/api/v1/payments", payment)).ReadAsync<PaymentBody>(HttpStatusCode.Created);
        var repeated = await (await _app.Admin().PostAsJsonAsync("/api/v1/payments", payment)).ReadAsync<PaymentBody>(HttpStatusCode.OK);

        Assert.Equal(booked.Id, repeated.Id);
        Assert.Equal(0m, repeated.DebtAfter);
        await _scenario.ApplyAsync("2000000005");
    }

    private sealed record DsoRequestList(List<DsoRequestItemBody> Items);

    private sealed record DsoRequestItemBody(Guid Id, string Status, string ApplicationNumber, string Eic, LocalDate? Deadline);

    private sealed record AccountBody(string SupplyStatus, decimal Debt);

    private sealed record PaymentBody(Guid Id, decimal DebtAfter);
}

public sealed class RestorationJourneyOnSqlite(SqliteApp app) : RestorationJourneyTests(app), IClassFixture<SqliteApp>;

public sealed class RestorationJourneyOnPostgres(PostgresApp app) : RestorationJourneyTests(app), IClassFixture<PostgresApp>;
