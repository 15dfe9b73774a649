using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vidnova.Customers;
using Vidnova.Kernel;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Customers;

/// <summary>
/// Linking personal accounts to customer logins over <c>/api/v1/me/accounts</c>: the proof (surname and the metering
/// point's EIC from the bill), its limit, the holder's login and what it may do about the others.
/// </summary>
public abstract class AccountLinkTests(VidnovaApp app) : IAsyncLifetime
{
    private const string Holder = "Дем'янчук Олена Петрівна";
    private readonly Scenario _scenario = new(app);
    private readonly CustomerLogins _logins = new(app);

    public Task InitializeAsync() => _scenario.RegisterDsoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheRightProof_Links_201WithTheAccount_AndTheFirstLoginIsTheHolder()
    {
        await AccountAsync("5100000001", "62Z200000000001M", debt: 12.34m);
        var customer = await _logins.SignedInAsync("link-right@example.com");

        // Typed the way people type: another apostrophe, lower case, the EIC in groups.
        var response = await customer.LinkAsync("5100 0000 01", "демʼянчук", "62z 2000 0000 0001 m");

        var account = await response.ReadAsync<AccountDetails>(HttpStatusCode.Created);
        Assert.Equal("/api/v1/me/accounts/5100000001", response.Headers.Location?.OriginalString);
        Assert.Equal(new AccountDetails("5100000001", "м. Київ, вул. Хрещатик, 1, кв. 5", 12.34m, 12.34m, "disconnected_for_debt", null,
            Holder, "62Z200000000001M", "ПрАТ «ДТЕК Київські електромережі»", "city", "household"), account);
        Assert.Equal(account, await customer.GetFromJsonAsync<AccountDetails>("/api/v1/me/accounts/5100000001", Json.Options));
        var link = await app.InDatabaseAsync(db => db.Set<AccountLink>().SingleAsync(l => l.AccountNumber == AccountNumber.Parse("5100000001")));
        Assert.True(link.IsHolder);
        var audit = await app.InDatabaseAsync(db => db.Set<AccountLinkEvent>().Where(e => e.AccountNumber == AccountNumber.Parse("5100000001")).ToListAsync());
        Assert.Equal([(AccountLinkChange.Linked, $"customer:{link.LoginId}")], audit.Select(e => (e.Change, e.Actor)));
    }

    [Fact]
    public async Task AWrongAccountSurnameOrEic_GivesTheSame422_ThatDoesNotSayWhichWasWrong()
    {
        await AccountAsync("5100000002", "62Z200000000002K");
        var customer = await _logins.SignedInAsync("link-wrong@example.com");

        var unknownAccount = await Problem(customer.LinkAsync("5100000099", "Дем'янчук", "62Z200000000002K"));
        var wrongSurname = await Problem(customer.LinkAsync("5100000002", "Шевченко", "62Z200000000002K"));
        var wrongEic = await Problem(customer.LinkAsync("5100000002", "Дем'янчук", "62Z200000000003I"));

        Assert.Equal("account_link_not_proven", unknownAccount.Code);
        Assert.Equal(unknownAccount, wrongSurname);
        Assert.Equal(unknownAccount, wrongEic);
        Assert.Contains("номер особового рахунку", unknownAccount.Detail, StringComparison.Ordinal);
        Assert.Contains("прізвище", unknownAccount.Detail, StringComparison.Ordinal);
        Assert.Contains("EIC", unknownAccount.Detail, StringComparison.Ordinal);
        Assert.Empty(await customer.GetFromJsonAsync<AccountItem[]>("/api/v1/me/accounts", Json.Options) ?? []);
    }

    [Fact]
    public async Task LinkingAgain_Is200WithTheAccount_AndChangesNothing()
    {
        await AccountAsync("5100000003", "62Z200000000003I");
        var customer = await _logins.SignedInAsync("link-twice@example.com");
        await customer.LinkedAsync("5100000003", "Дем'янчук", "62Z200000000003I");

        var again = await (await customer.LinkAsync("5100000003", "Дем'янчук", "62Z200000000003I")).ReadAsync<AccountDetails>(HttpStatusCode.OK);

        Assert.Equal("5100000003", again.AccountNumber);
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Set<AccountLinkEvent>().CountAsync(e => e.AccountNumber == AccountNumber.Parse("5100000003"))));
    }

    [Fact]
    public async Task FiveWrongProofsFromOneLogin_Are429_EvenForAnotherAccountWithTheRightProof_UntilTheHourPasses()
    {
        await AccountAsync("5100000004", "62Z200000000004G");
        await AccountAsync("5100000005", "62Z200000000005E");
        var guesser = await _logins.SignedInAsync("link-guesser@example.com");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await guesser.LinkAsync("5100000004", "Дем'янчук", "62Z200000000001M")).StatusCode);
        }

        var limited = await guesser.LinkAsync("5100000005", "Дем'янчук", "62Z200000000005E");

        var problem = await limited.ReadAsync<Problem>(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.Code);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 3500, 3600);
        app.Clock.Advance(NodaTime.Duration.FromMinutes(61));
        await guesser.LinkedAsync("5100000005", "Дем'янчук", "62Z200000000005E");
    }

    [Fact]
    public async Task FiveWrongProofsForOneAccount_FromSeveralLogins_Are429_ForTheRealHolderToo()
    {
        await AccountAsync("5100000006", "62Z200000000006C");
        for (var guesser = 0; guesser < 5; guesser++)
        {
            var login = await _logins.SignedInAsync($"link-many-{guesser}@example.com");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await login.LinkAsync("5100000006", "Дем'янчук", "62Z200000000001M")).StatusCode);
        }

        var holder = await _logins.SignedInAsync("link-many-holder@example.com");
        var limited = await holder.LinkAsync("5100000006", "Дем'янчук", "62Z200000000006C");

        Assert.Equal("rate_limited", (await limited.ReadAsync<Problem>(HttpStatusCode.TooManyRequests)).Code);
        Assert.True(limited.Headers.Contains("Retry-After"));
        // Another account is not held back by the strangers' guesses at this one.
        await AccountAsync("5100000007", "62Z200000000007A");
        await holder.LinkedAsync("5100000007", "Дем'янчук", "62Z200000000007A");
    }

    [Fact]
    public async Task Unlinking_Is204_ThenTheAccountIsNotFoundForTheLogin_AndUnlinkingAgainIs404()
    {
        await AccountAsync("5100000008", "62Z2000000000088");
        var customer = await _logins.SignedInAsync("unlink@example.com");
        await customer.LinkedAsync("5100000008", "Дем'янчук", "62Z2000000000088");

        Assert.Equal(HttpStatusCode.NoContent, (await customer.DeleteAsync("/api/v1/me/accounts/5100000008")).StatusCode);

        Assert.Equal("account_not_found", (await (await customer.GetAsync("/api/v1/me/accounts/5100000008")).ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        Assert.Equal("account_not_found", (await (await customer.DeleteAsync("/api/v1/me/accounts/5100000008")).ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        var audit = await app.InDatabaseAsync(db => db.Set<AccountLinkEvent>().Where(e => e.AccountNumber == AccountNumber.Parse("5100000008"))
            .OrderBy(e => e.At).ThenBy(e => e.Change).Select(e => e.Change).ToListAsync());
        Assert.Equal([AccountLinkChange.Linked, AccountLinkChange.Unlinked], audit);
    }

    [Fact]
    public async Task WhenTheHoldersLoginUnlinks_TheLongestLinkedRemainingLoginBecomesTheHolders()
    {
        await AccountAsync("5100000009", "62Z2000000000096");
        var first = await _logins.SignedInAsync("family-first@example.com");
        var second = await _logins.SignedInAsync("family-second@example.com");
        var third = await _logins.SignedInAsync("family-third@example.com");
        await first.LinkedAsync("5100000009", "Дем'янчук", "62Z2000000000096");
        app.Clock.Advance(NodaTime.Duration.FromMinutes(1));
        await second.LinkedAsync("5100000009", "Дем'янчук", "62Z2000000000096");
        app.Clock.Advance(NodaTime.Duration.FromMinutes(1));
        await third.LinkedAsync("5100000009", "Дем'янчук", "62Z2000000000096");
        Assert.Equal(HttpStatusCode.Forbidden, (await second.GetAsync("/api/v1/me/accounts/5100000009/logins")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await first.DeleteAsync("/api/v1/me/accounts/5100000009")).StatusCode);

        var logins = await (await second.GetAsync("/api/v1/me/accounts/5100000009/logins")).ReadAsync<LinkedLogin[]>(HttpStatusCode.OK);
        Assert.Equal([("f***@example.com", true), ("f***@example.com", false)], logins.Select(l => (l.Email, l.IsHolder)));
        Assert.Equal(HttpStatusCode.Forbidden, (await third.GetAsync("/api/v1/me/accounts/5100000009/logins")).StatusCode);
    }

    [Fact]
    public async Task TheHoldersLogin_SeesTheOthersMasked_AndRemovesOne_Audited()
    {
        await AccountAsync("5100000010", "62Z200000000010L");
        var holder = await _logins.SignedInAsync("olena.holder@example.com");
        var relative = await _logins.SignedInAsync("ivan.relative@example.com");
        var linkedAt = app.Clock.GetCurrentInstant();
        await holder.LinkedAsync("5100000010", "Дем'янчук", "62Z200000000010L");
        app.Clock.Advance(NodaTime.Duration.FromMinutes(1));
        await relative.LinkedAsync("5100000010", "Дем'янчук", "62Z200000000010L");

        var logins = await (await holder.GetAsync("/api/v1/me/accounts/5100000010/logins")).ReadAsync<LinkedLogin[]>(HttpStatusCode.OK);

        Assert.Equal([("o***@example.com", true), ("i***@example.com", false)], logins.Select(l => (l.Email, l.IsHolder)));
        Assert.Equal(linkedAt, logins[0].LinkedAt);
        var relativeId = logins[1].LoginId;
        Assert.Equal(HttpStatusCode.NoContent, (await holder.DeleteAsync($"/api/v1/me/accounts/5100000010/logins/{relativeId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await relative.GetAsync("/api/v1/me/accounts/5100000010")).StatusCode);
        Assert.Equal("login_not_linked",
            (await (await holder.DeleteAsync($"/api/v1/me/accounts/5100000010/logins/{relativeId}")).ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        var holderId = logins[0].LoginId;
        var removal = await app.InDatabaseAsync(db => db.Set<AccountLinkEvent>()
            .SingleAsync(e => e.AccountNumber == AccountNumber.Parse("5100000010") && e.Change == AccountLinkChange.Unlinked));
        Assert.Equal((relativeId, $"customer:{holderId}"), (removal.LoginId, removal.Actor));
    }

    [Fact]
    public async Task ALoginThatIsNotTheHolders_MayNotSeeOrRemoveTheOthers()
    {
        await AccountAsync("5100000011", "62Z200000000011J");
        var holder = await _logins.SignedInAsync("nh-holder@example.com");
        var relative = await _logins.SignedInAsync("nh-relative@example.com");
        await holder.LinkedAsync("5100000011", "Дем'янчук", "62Z200000000011J");
        await relative.LinkedAsync("5100000011", "Дем'янчук", "62Z200000000011J");
        var holderId = await app.InDatabaseAsync(db => db.Set<AccountLink>()
            .Where(l => l.AccountNumber == AccountNumber.Parse("5100000011") && l.IsHolder).Select(l => l.LoginId).SingleAsync());

        var list = await relative.GetAsync("/api/v1/me/accounts/5100000011/logins");
        var remove = await relative.DeleteAsync($"/api/v1/me/accounts/5100000011/logins/{holderId}");

        Assert.Equal("not_account_holder", (await list.ReadAsync<Problem>(HttpStatusCode.Forbidden)).Code);
        Assert.Equal("not_account_holder", (await remove.ReadAsync<Problem>(HttpStatusCode.Forbidden)).Code);
        Assert.Equal(2, await app.InDatabaseAsync(db => db.Set<AccountLink>().CountAsync(l => l.AccountNumber == AccountNumber.Parse("5100000011"))));
    }

    [Fact]
    public async Task AMissingOrMalformedField_Is400NamingIt()
    {
        var customer = await _logins.SignedInAsync("link-fields@example.com");

        var response = await customer.PostAsJsonAsync("/api/v1/me/accounts", new { accountNumber = "12", holderSurname = " " });

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Equal(["accountNumber", "holderSurname", "proof.eic"], problem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    private Task AccountAsync(string number, string eic, decimal debt = 0m) => _scenario.PutAccountAsync(number, Holder, debt: debt, eic: eic);

    private static async Task<Problem> Problem(Task<HttpResponseMessage> response) =>
        await (await response).ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
}

public sealed record OpenApplication(Guid Id, string Number, string Status);

public sealed record AccountItem(string AccountNumber, string Address, decimal Balance, decimal Debt, string SupplyStatus, OpenApplication? OpenApplication);

public sealed record AccountDetails(string AccountNumber, string Address, decimal Balance, decimal Debt, string SupplyStatus, OpenApplication? OpenApplication,
    string HolderName, string Eic, string? DsoName, string Settlement, string Kind);

public sealed record LinkedLogin(Guid LoginId, string Email, bool IsHolder, NodaTime.Instant LinkedAt);

public sealed class AccountLinkOnSqlite(SqliteApp app) : AccountLinkTests(app), IClassFixture<SqliteApp>;

public sealed class AccountLinkOnPostgres(PostgresApp app) : AccountLinkTests(app), IClassFixture<PostgresApp>;
