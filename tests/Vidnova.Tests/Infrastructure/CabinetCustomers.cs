using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vidnova.Customers;
using Vidnova.Kernel;

namespace Vidnova.Tests.Infrastructure;

/// <summary>
/// Customer logins with personal accounts linked to them. The link is inserted into the database here, as the
/// linking endpoint (<c>POST /api/v1/me/accounts</c>) would leave it, so these tests do not depend on its proof rules.
/// </summary>
public sealed class CabinetCustomers(VidnovaApp app)
{
    private readonly CustomerLogins _logins = new(app);

    /// <summary>A confirmed login, signed in with a bearer token, with <paramref name="accounts"/> linked as their holder.</summary>
    public async Task<(HttpClient Client, Guid LoginId)> SignedInWithAsync(string email, params string[] accounts)
    {
        var client = await _logins.SignedInAsync(email);
        var loginId = await LoginIdAsync(email);
        foreach (var account in accounts)
        {
            await LinkAsync(loginId, account);
        }

        return (client, loginId);
    }

    public Task<Guid> LoginIdAsync(string email) =>
        app.InDatabaseAsync(db => db.Set<CustomerLogin>().Where(l => l.Email == email).Select(l => l.Id).SingleAsync());

    public Task LinkAsync(Guid loginId, string account) => app.InDatabaseAsync(async db =>
    {
        db.Add(AccountLink.Create(loginId, AccountNumber.Parse(account), isHolder: true, app.Clock.GetCurrentInstant()));
        return await db.SaveChangesAsync();
    });

    /// <summary>A client holding the cabinet's cookie (Identity's login with <c>useCookies=true</c>), as a browser signed in to the cabinet.</summary>
    public async Task<HttpClient> CabinetCookieClientAsync(string email)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/identity/login?useCookies=true", new { email, password = CustomerLogins.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }
}
