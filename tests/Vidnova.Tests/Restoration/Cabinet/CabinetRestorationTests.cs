using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Restoration;
using Vidnova.Restoration.EmailConfirmation;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Restoration.Cabinet;

/// <summary>Restoration from the personal account over <c>/api/v1/me</c>, the status page for linked logins and signed links, and lapsed applications.</summary>
public abstract partial class CabinetRestorationTests(VidnovaApp app)
{
    private readonly Scenario _scenario = new(app);
    private readonly CabinetCustomers _customers = new(app);

    [Fact]
    public async Task ApplyFromTheCabinet_IsEmailConfirmedAtOnce_AndTheInvoiceGoesToTheLoginsEmail()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("5100000001");
        var (customer, loginId) = await _customers.SignedInWithAsync("olena.apply@example.com", "5100000001");

        var response = await customer.PostAsJsonAsync("/api/v1/me/accounts/5100000001/restoration-applications", new { phone = "067 123 45 67" });

        var application = await response.ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/me/restoration-applications/{application.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("awaiting_payment", application.Status);
        Assert.Equal("5100000001", application.AccountNumber);
        Assert.Equal(1234.56m, application.Invoice!.Amount);
        Assert.Contains(application.Number, application.Invoice.Purpose, StringComparison.Ordinal);
        Assert.Equal(["submitted", "email_confirmed", "invoice_issued"], application.Timeline.Select(t => t.Kind));
        Assert.Equal($"customer:{loginId}", application.Timeline[0].Actor);
        Assert.Contains("з особистого кабінету", application.Timeline[0].Description, StringComparison.Ordinal);

        var invoice = await app.Mail.WaitForAsync(m => m.To == "olena.apply@example.com" && m.Subject.Contains(application.Number, StringComparison.Ordinal),
            "with the invoice");
        Assert.StartsWith("Рахунок за відновлення", invoice.Subject, StringComparison.Ordinal);
        Assert.Contains(Scenario.DsoIban, invoice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Mail.All(), m => m.Subject.StartsWith("Підтвердіть email для заяви", StringComparison.Ordinal)
            && m.Subject.Contains(application.Number, StringComparison.Ordinal));
        Assert.Equal(loginId, await app.InDatabaseAsync(db => db.Set<RestorationApplication>().Where(a => a.Id == application.Id).Select(a => a.LoginId).SingleAsync()));

        var shown = await (await customer.GetAsync($"/api/v1/me/restoration-applications/{application.Id}")).ReadAsync<ApplicationResponse>(HttpStatusCode.OK);
        Assert.Equal(application.Number, shown.Number);
        Assert.Equal(application.Invoice, shown.Invoice);
        Assert.Equal(application.Timeline, shown.Timeline);
        Assert.Equal("awaiting_payment", (await _scenario.GetAsAdminAsync(application.Id)).Status);
    }

    [Fact]
    public async Task ApplyFromTheCabinet_RefusesAsTheFormDoes_AndARepeatAnswersWithTheOpenApplication()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("5100000011", debt: 0.01m);
        await _scenario.PutAccountAsync("5100000012", supplyStatus: "connected");
        await _scenario.PutAccountAsync("5100000013");
        var (customer, _) = await _customers.SignedInWithAsync("refusals@example.com", "5100000011", "5100000012", "5100000013");

        var kopiyka = await (await ApplyAsync(customer, "5100000011")).ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("debt_outstanding", kopiyka.Code);
        Assert.Contains("0,01", kopiyka.Detail, StringComparison.Ordinal);
        var connected = await (await ApplyAsync(customer, "5100000012")).ReadAsync<Problem>(HttpStatusCode.Conflict);
        Assert.Equal("not_disconnected_for_debt", connected.Code);
        var phone = await (await ApplyAsync(customer, "5100000013", phone: "12")).ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Contains("phone", phone.Errors!.Keys);

        var first = await (await ApplyAsync(customer, "5100000013")).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
        var repeat = await (await ApplyAsync(customer, "5100000013")).ReadAsync<ApplicationResponse>(HttpStatusCode.OK);
        Assert.Equal(first.Id, repeat.Id);
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Set<RestorationApplication>().CountAsync(a => a.AccountNumber == Kernel.AccountNumber.Parse("5100000013"))));
    }

    [Fact]
    public async Task AnAccountNotLinkedToTheLogin_IsNotFound_AndNeedsASignedInCustomer()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("5100000021");
        var (customer, _) = await _customers.SignedInWithAsync("notlinked@example.com");

        foreach (var number in new[] { "5100000021", "9999999999", "not-a-number" })
        {
            var problem = await (await ApplyAsync(customer, number)).ReadAsync<Problem>(HttpStatusCode.NotFound);
            Assert.Equal("account_not_found", problem.Code);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await ApplyAsync(app.CreateClient(), "5100000021")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/me/restoration-applications")).StatusCode);
        // An application's own access token is a bearer token too, but it is nobody's login.
        var applied = await _scenario.ApplyAsync("5100000021", "someone@example.com");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Customer(applied.AccessToken!).GetAsync($"/api/v1/me/restoration-applications/{applied.Id}")).StatusCode);
        // Staff keys are not customer logins: /me is nobody's there.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Admin().GetAsync("/api/v1/me/restoration-applications")).StatusCode);
    }

    [Fact]
    public async Task TheList_HasTheApplicationsOfEveryLinkedAccount_IncludingOnesFiledTheOldWay_NewestFirst()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("5100000031");
        await _scenario.PutAccountAsync("5100000032");
        var old = await _scenario.ApplyAsync("5100000031", "old-way@example.com");
        var (customer, loginId) = await _customers.SignedInWithAsync("lister@example.com", "5100000032");
        app.Clock.Advance(Duration.FromMinutes(5));
        var filed = await (await ApplyAsync(customer, "5100000032")).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);

        var before = await customer.GetFromJsonAsync<List<ListItem>>("/api/v1/me/restoration-applications", Json.Options);
        Assert.Equal([filed.Id], before!.Select(i => i.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/api/v1/me/restoration-applications/{old.Id}")).StatusCode);

        await _customers.LinkAsync(loginId, "5100000031");

        var after = await customer.GetFromJsonAsync<List<ListItem>>("/api/v1/me/restoration-applications", Json.Options);
        var oldNow = await _scenario.GetAsAdminAsync(old.Id);
        Assert.Equal(
            [
                new ListItem(filed.Id, filed.Number, "5100000032", "awaiting_payment", filed.SubmittedAt),
                new ListItem(old.Id, old.Number, "5100000031", oldNow.Status, oldNow.SubmittedAt),
            ],
            after);
        Assert.True(oldNow.SubmittedAt < filed.SubmittedAt);
        var oldShown = await (await customer.GetAsync($"/api/v1/me/restoration-applications/{old.Id}")).ReadAsync<ApplicationResponse>(HttpStatusCode.OK);
        var oldAsItsToken = await _scenario.GetAsync(old);
        Assert.Equal(oldAsItsToken.Number, oldShown.Number);
        Assert.Equal(oldAsItsToken.Timeline, oldShown.Timeline);
    }

    [Fact]
    public async Task TwoCustomersWithTwoAccountsEach_SeeOnlyTheirOwnApplicationsAndReceiptFiles()
    {
        await _scenario.RegisterDsoAsync();
        string[] olenasAccounts = ["5100000041", "5100000042"];
        string[] petrosAccounts = ["5100000043", "5100000044"];
        foreach (var account in olenasAccounts.Concat(petrosAccounts))
        {
            await _scenario.PutAccountAsync(account);
        }

        var (olena, _) = await _customers.SignedInWithAsync("olena.matrix@example.com", olenasAccounts);
        var (petro, _) = await _customers.SignedInWithAsync("petro.matrix@example.com", petrosAccounts);
        var applications = new Dictionary<string, ApplicationResponse>();
        foreach (var (client, account) in olenasAccounts.Select(a => (olena, a)).Concat(petrosAccounts.Select(a => (petro, a))))
        {
            var filed = await (await ApplyAsync(client, account)).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
            var uploaded = await (await UploadAsync(client, filed.Id)).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
            applications[account] = uploaded;
        }

        foreach (var (client, own, others) in new[] { (olena, olenasAccounts, petrosAccounts), (petro, petrosAccounts, olenasAccounts) })
        {
            var listed = await client.GetFromJsonAsync<List<ListItem>>("/api/v1/me/restoration-applications", Json.Options);
            Assert.Equal(own.Select(a => applications[a].Id).Order(), listed!.Select(i => i.Id).Order());
            foreach (var account in own)
            {
                var mine = applications[account];
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/me/restoration-applications/{mine.Id}")).StatusCode);
                var file = await client.GetAsync($"/api/v1/me/restoration-applications/{mine.Id}/receipts/{mine.Receipts.Single().Id}");
                Assert.Equal(HttpStatusCode.OK, file.StatusCode);
                Assert.Equal(Scenario.PdfReceipt, await file.Content.ReadAsByteArrayAsync());
            }

            foreach (var account in others)
            {
                var theirs = applications[account];
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/me/restoration-applications/{theirs.Id}")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound,
                    (await client.GetAsync($"/api/v1/me/restoration-applications/{theirs.Id}/receipts/{theirs.Receipts.Single().Id}")).StatusCode);
                // Someone else's receipt under one's own application's id is not found either.
                var mine = applications[own[0]];
                Assert.Equal(HttpStatusCode.NotFound,
                    (await client.GetAsync($"/api/v1/me/restoration-applications/{mine.Id}/receipts/{theirs.Receipts.Single().Id}")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(client, theirs.Id)).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound,
                    (await client.PostAsJsonAsync($"/api/v1/me/restoration-applications/{theirs.Id}/cancellation", new { reason = "не моя" })).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await ApplyAsync(client, account)).StatusCode);
            }
        }

        foreach (var application in applications.Values)
        {
            Assert.Equal("receipt_under_review", (await _scenario.GetAsAdminAsync(application.Id)).Status);
        }
    }

    [Fact]
    public async Task AReceiptFromTheCabinet_IsTakenUnderTheSameRulesAsTheOldUpload()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("5100000051");
        var (customer, loginId) = await _customers.SignedInWithAsync("receipts@example.com", "5100000051");
        var filed = await (await ApplyAsync(customer, "5100000051")).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);

        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var withoutFile = await customer.PostAsync($"/api/v1/me/restoration-applications/{filed.Id}/receipts", noFile);
        Assert.Contains("file", (await withoutFile.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.Keys);
        var text = await (await UploadAsync(customer, filed.Id, "просто текст"u8.ToArray(), "receipt.txt")).ReadAsync<Problem>(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported_receipt_type", text.Code);

        var taken = await (await UploadAsync(customer, filed.Id)).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
        Assert.Equal("receipt_under_review", taken.Status);
        Assert.Equal($"customer:{loginId}", taken.Timeline.Single(t => t.Kind == "receipt_received").Actor);
        var again = await (await UploadAsync(customer, filed.Id)).ReadAsync<Problem>(HttpStatusCode.Conflict);
        Assert.Equal("receipt_already_under_review", again.Code);
    }

    [Fact]
    public async Task TheHolder_CancelsAStrangersUnconfirmedApplication_AtOnce_AndAppliesFromTheCabinet()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("5100000061");
        var strangers = await _scenario.ApplyAsync("5100000061", "stranger@example.com");
        var (holder, loginId) = await _customers.SignedInWithAsync("holder@example.com", "5100000061");

        var blocked = await (await ApplyAsync(holder, "5100000061")).ReadAsync<ApplicationResponse>(HttpStatusCode.OK);
        Assert.Equal(strangers.Id, blocked.Id);
        Assert.Equal("awaiting_email_confirmation", blocked.Status);

        var cancelled = await (await holder.PostAsJsonAsync($"/api/v1/me/restoration-applications/{strangers.Id}/cancellation",
            new { reason = "Я цієї заяви не подавала." })).ReadAsync<ApplicationResponse>(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.Status);
        var entry = cancelled.Timeline.Single(t => t.Kind == "cancelled");
        Assert.Equal($"customer:{loginId}", entry.Actor);
        Assert.Contains("Я цієї заяви не подавала.", entry.Description, StringComparison.Ordinal);

        var own = await (await ApplyAsync(holder, "5100000061")).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
        Assert.Equal("awaiting_payment", own.Status);
    }

    [Fact]
    public async Task AnApplicationStillUnconfirmedAfter72Hours_Lapses_AndTheAccountMayApplyAgain()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("5100000071");
        await _scenario.PutAccountAsync("5100000072");
        var strangers = await _scenario.ApplyAsync("5100000071", "stranger.lapse@example.com");
        var confirmed = await _scenario.ConfirmedApplicationAsync("5100000072");
        var (holder, _) = await _customers.SignedInWithAsync("holder.lapse@example.com", "5100000071");
        var lapse = app.Services.GetRequiredService<LapsedApplications>();

        app.Clock.Advance(Duration.FromHours(71));
        await lapse.CancelLapsedAsync(CancellationToken.None);
        Assert.Equal("awaiting_email_confirmation", (await _scenario.GetAsAdminAsync(strangers.Id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(holder, "5100000071")).StatusCode);

        app.Clock.Advance(Duration.FromHours(1));
        await lapse.CancelLapsedAsync(CancellationToken.None);
        // A second instance's pass finds nothing left to do.
        Assert.Equal(0, await lapse.CancelLapsedAsync(CancellationToken.None));

        var lapsed = await _scenario.GetAsync(strangers);
        Assert.Equal("cancelled", lapsed.Status);
        var entry = lapsed.Timeline.Single(t => t.Kind == "cancelled");
        Assert.Equal("system", entry.Actor);
        Assert.Contains("не підтверджено протягом 72 годин", entry.Description, StringComparison.Ordinal);
        Assert.Equal("awaiting_payment", (await _scenario.GetAsync(confirmed)).Status);
        Assert.Equal(HttpStatusCode.Created, (await ApplyAsync(holder, "5100000071")).StatusCode);
    }

    [Fact]
    public async Task TheSignedLinkInALaterEmail_OpensTheApplicationInAFreshBrowser_UntilItExpires()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("5100000081");
        var (customer, _) = await _customers.SignedInWithAsync("links@example.com", "5100000081");
        var filed = await (await ApplyAsync(customer, "5100000081")).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
        var invoice = await app.Mail.WaitForAsync(m => m.Subject.Contains(filed.Number, StringComparison.Ordinal), "with the invoice");
        var link = new Uri(SignedLink().Match(invoice.TextBody).Value);
        Assert.Equal($"/restoration/{filed.Id}", link.AbsolutePath);
        Assert.DoesNotContain("token=", invoice.TextBody, StringComparison.Ordinal);

        var browser = app.CreateClient();
        var page = await browser.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal($"/restoration/{filed.Id}", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains(filed.Number, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Надіслати квитанцію", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A link is for its own application only.
        await _scenario.PutAccountAsync("5100000082");
        var other = await _scenario.ApplyAsync("5100000082", "other@example.com");
        var borrowed = await app.CreateClient().GetAsync($"/restoration/{other.Id}{link.Query}");
        Assert.Equal(HttpStatusCode.NotFound, borrowed.StatusCode);
        Assert.Contains("Посилання з листа вже не діє", await borrowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        app.TokenTime.Advance(TimeSpan.FromDays(15));

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/restoration/{filed.Id}")).StatusCode);
        var stale = await app.CreateClient().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, stale.StatusCode);
        var body = await stale.Content.ReadAsStringAsync();
        Assert.Contains("Посилання з листа вже не діє", body, StringComparison.Ordinal);
        Assert.Contains("/cabinet/sign-in", body, StringComparison.Ordinal);
        Assert.Contains("найновіший лист", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStatusPage_OpensForALoginLinkedToTheAccount_WithTheCabinetCookie_AndForNoOtherLogin()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("5100000091");
        var strangers = await _scenario.ApplyAsync("5100000091", "stranger.page@example.com");
        await _customers.SignedInWithAsync("page.holder@example.com", "5100000091");
        await _customers.SignedInWithAsync("page.other@example.com");
        var holder = await _customers.CabinetCookieClientAsync("page.holder@example.com");
        var other = await _customers.CabinetCookieClientAsync("page.other@example.com");

        var page = await holder.GetAsync($"/restoration/{strangers.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(strangers.Number, html, StringComparison.Ordinal);
        Assert.Contains("Скасувати непідтверджену заяву", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"code\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/restoration/{strangers.Id}")).StatusCode);

        // The cabinet's cookie is no way into the back office, which keeps the staff cookie.
        var backOffice = await holder.GetAsync("/backoffice");
        Assert.Equal(HttpStatusCode.Redirect, backOffice.StatusCode);
        Assert.Contains("/backoffice/sign-in", backOffice.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The page's own button cancels it (with the page's antiforgery token).
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        var cancel = await holder.PostAsync($"/restoration/{strangers.Id}?handler=Cancel",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal("cancelled", (await _scenario.GetAsAdminAsync(strangers.Id)).Status);

        // The stranger, by the first email's token, reads that the cancellation was not theirs.
        var strangersPage = await app.CreateClient().GetAsync($"/restoration/{strangers.Id}?token={Uri.EscapeDataString(strangers.AccessToken!)}");
        var strangersHtml = await strangersPage.Content.ReadAsStringAsync();
        Assert.Contains("Заяву скасовано", strangersHtml, StringComparison.Ordinal);
        Assert.Contains("Клієнт в особистому кабінеті", strangersHtml, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ApplyAsync(HttpClient client, string account, string phone = "067 123 45 67") =>
        client.PostAsJsonAsync($"/api/v1/me/accounts/{account}/restoration-applications", new { phone });

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, byte[]? content = null, string fileName = "receipt.pdf")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content ?? Scenario.PdfReceipt);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/v1/me/restoration-applications/{id}/receipts", form);
    }

    private sealed record ListItem(Guid Id, string Number, string AccountNumber, string Status, Instant CreatedAt);

    [GeneratedRegex(@"https://vidnova\.test/restoration/[0-9a-f-]{36}\?link=[^\s""<>]+")]
    private static partial Regex SignedLink();

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();
}

public sealed class CabinetRestorationOnSqlite(SqliteApp app) : CabinetRestorationTests(app), IClassFixture<SqliteApp>;

public sealed class CabinetRestorationOnPostgres(PostgresApp app) : CabinetRestorationTests(app), IClassFixture<PostgresApp>;
