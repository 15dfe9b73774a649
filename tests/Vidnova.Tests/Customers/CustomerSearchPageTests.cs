using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Customers;

/// <summary>The back office's customer search (<c>/backoffice/customers</c>) and a supervisor's audited unlink.</summary>
public abstract class CustomerSearchPageTests(VidnovaApp app) : IAsyncLifetime
{
    // The host is shared by the class's tests, each of which changes links: each gets a family of its own.
    private static int _families;
    private AccountNumber _flat;
    private AccountNumber _dacha;
    private string _mother = "";
    private string _son = "";

    public async Task InitializeAsync()
    {
        var family = Interlocked.Increment(ref _families);
        _flat = AccountNumber.Parse($"50000{family:D2}001");
        _dacha = AccountNumber.Parse($"50000{family:D2}002");
        _mother = $"Mother{family}.Kovalenko@Example.com";
        _son = $"son{family}.kovalenko@example.com";
        if (!await app.InDatabaseAsync(db => db.Set<Vidnova.Staff.StaffUser>().AnyAsync()))
        {
            await app.AddStaffAsync("operator@vidnova.test");
            await app.AddStaffAsync("supervisor@vidnova.test", StaffRoles.Supervisor);
        }

        var mother = await LoginAsync(_mother, $"+380 67 123-{family:D2}-67");
        var son = await LoginAsync(_son, null);
        await LoginAsync($"stranger{family}@example.com", $"050 000 {family:D2} 00");
        await LinkAsync(mother, _flat, isHolder: true, daysAgo: 30);
        await LinkAsync(son, _flat, isHolder: false, daysAgo: 10);
        await LinkAsync(mother, _dacha, isHolder: true, daysAgo: 5);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Search_FindsLogins_ByTheStartOfTheEmailInAnyCase_ByAccount_AndByPhone()
    {
        var staff = await app.SignInStaffAsync("operator@vidnova.test");

        var byEmail = await staff.GetStringAsync("/backoffice/customers?q=" + _mother[..9].ToUpperInvariant());
        Assert.Contains("Знайдено входів: 1", byEmail, StringComparison.Ordinal);
        Assert.Contains(_mother, byEmail, StringComparison.Ordinal);
        Assert.Contains($"href=\"/backoffice/customers?q={_dacha.Value}\"", byEmail, StringComparison.Ordinal);
        Assert.Contains("Знайдено входів: 0", await staff.GetStringAsync("/backoffice/customers?q=kovalenko"), StringComparison.Ordinal);

        var byAccount = await staff.GetStringAsync("/backoffice/customers?q=" + _flat.Value);
        Assert.Contains("Знайдено входів: 2", byAccount, StringComparison.Ordinal);
        Assert.Contains($"Рахунок {_flat.Value}", byAccount, StringComparison.Ordinal);
        Assert.Contains(_son, byAccount, StringComparison.Ordinal);
        Assert.DoesNotContain("stranger", byAccount, StringComparison.Ordinal);
        Assert.Contains("Історія прив'язок", WebUtility.HtmlDecode(byAccount), StringComparison.Ordinal);
        // An operator sees the links but may not remove them.
        Assert.DoesNotContain("unlink=", byAccount, StringComparison.Ordinal);

        var family = _flat.Value[5..7];
        var byPhone = await staff.GetStringAsync("/backoffice/customers?q=" + Uri.EscapeDataString($"067123{family}67"));
        Assert.Contains("Знайдено входів: 1", byPhone, StringComparison.Ordinal);
        Assert.Contains(_mother, byPhone, StringComparison.Ordinal);

        // LIKE's wildcards are searched for as text.
        Assert.Contains("Знайдено входів: 0", await staff.GetStringAsync("/backoffice/customers?q=%25"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOperator_CannotUnlink()
    {
        var staff = await app.SignInStaffAsync("operator@vidnova.test");
        var linkId = await LinkIdAsync(_son, _flat);

        var refused = await PostUnlinkAsync(staff, linkId, "сусід, не родич");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/backoffice/denied", refused.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(refused.Headers.Location!)).StatusCode);
        Assert.True(await app.InDatabaseAsync(db => db.Set<AccountLink>().AnyAsync(l => l.Id == linkId)));
    }

    [Fact]
    public async Task ASupervisor_UnlinksWithAReason_Audited_AndTheLongestLinkedLoginBecomesTheHolder()
    {
        var staff = await app.SignInStaffAsync("supervisor@vidnova.test");
        var holderLink = await LinkIdAsync(_mother, _flat);

        var confirm = await staff.GetStringAsync($"/backoffice/customers?q={_flat.Value}&unlink={holderLink}");
        Assert.Contains("Відв'язати вхід від рахунку?", WebUtility.HtmlDecode(confirm), StringComparison.Ordinal);
        Assert.True(await app.InDatabaseAsync(db => db.Set<AccountLink>().AnyAsync(l => l.Id == holderLink)), "Opening the confirmation unlinks nothing.");

        var noReason = await PostUnlinkAsync(staff, holderLink, "  ");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Вкажіть причину", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unlinked = await PostUnlinkAsync(staff, holderLink, "Звернення власниці: телефон викрадено");
        Assert.Equal(HttpStatusCode.Redirect, unlinked.StatusCode);
        var after = await staff.GetStringAsync(unlinked.Headers.Location!);
        Assert.Contains($"відв'язано від рахунку {_flat.Value}", WebUtility.HtmlDecode(after), StringComparison.Ordinal);
        Assert.Contains("Звернення власниці: телефон викрадено", after, StringComparison.Ordinal);

        var links = await app.InDatabaseAsync(db => db.Set<AccountLink>().Where(l => l.AccountNumber == _flat).ToListAsync());
        var remaining = Assert.Single(links);
        Assert.True(remaining.IsHolder, "The son's login, the only one left, holds the account now.");
        var audit = await app.InDatabaseAsync(db => db.Set<AccountLinkEvent>()
            .SingleAsync(e => e.AccountNumber == _flat && e.Change == AccountLinkChange.Unlinked));
        Assert.Equal("staff:supervisor@vidnova.test", audit.Actor);
        Assert.Equal("Звернення власниці: телефон викрадено", audit.Reason);
        Assert.Equal(app.Clock.GetCurrentInstant(), audit.At);
        // Her other account is untouched.
        Assert.True(await app.InDatabaseAsync(db => db.Set<AccountLink>().AnyAsync(l => l.AccountNumber == _dacha)));

        var twice = await PostUnlinkAsync(staff, holderLink, "ще раз");
        Assert.Contains("нічого не змінено", WebUtility.HtmlDecode(await staff.GetStringAsync(twice.Headers.Location!)), StringComparison.Ordinal);
    }

    /// <summary>
    /// Posts the unlink form with a valid antiforgery token — from the sign-out page, which every staff member gets,
    /// so that an operator's attempt is refused for its role and not for a missing token.
    /// </summary>
    private async Task<HttpResponseMessage> PostUnlinkAsync(HttpClient staff, Guid linkId, string reason)
    {
        var page = await staff.GetStringAsync("/backoffice/sign-out");
        return await staff.PostAsync("/backoffice/customers?handler=Unlink", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["linkId"] = linkId.ToString(),
            ["q"] = _flat.Value,
            ["Reason"] = reason,
            ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryTokenIn(page),
        }));
    }

    private async Task<Guid> LoginAsync(string email, string? phone)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CustomerLogin>>();
        var login = new CustomerLogin(email, app.Clock.GetCurrentInstant()) { PhoneNumber = phone, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(login, CustomerLogins.Password)).Succeeded);
        return login.Id;
    }

    private Task<int> LinkAsync(Guid loginId, AccountNumber account, bool isHolder, int daysAgo) => app.InDatabaseAsync(db =>
    {
        var link = AccountLink.Create(loginId, account, isHolder, app.Clock.GetCurrentInstant() - Duration.FromDays(daysAgo));
        db.Add(link);
        db.Add(AccountLinkEvent.Linked(link, $"customer:{loginId}"));
        return db.SaveChangesAsync();
    });

    private Task<Guid> LinkIdAsync(string email, AccountNumber account)
    {
        var normalized = email.ToUpperInvariant();
        return app.InDatabaseAsync(db =>
        (from link in db.Set<AccountLink>()
         join login in db.Set<CustomerLogin>() on link.LoginId equals login.Id
         where login.NormalizedEmail == normalized && link.AccountNumber == account
         select link.Id).SingleAsync());
    }
}

public sealed class CustomerSearchPageOnSqlite(SqliteApp app) : CustomerSearchPageTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerSearchPageOnPostgres(PostgresApp app) : CustomerSearchPageTests(app), IClassFixture<PostgresApp>;
