using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Vidnova.Tests.Infrastructure;

/// <summary>Customer logins through Identity's API, the way the mobile app makes and uses them.</summary>
public sealed partial class CustomerLogins(VidnovaApp app)
{
    public const string Password = "київ-весна-2026";

    public async Task RegisterAsync(string email, string password = Password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/register", new { email, password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The cabinet link of the newest confirmation email sent to <paramref name="email"/>.</summary>
    public async Task<Uri> ConfirmationLinkAsync(string email)
    {
        var mail = await app.Mail.WaitForAsync(m => m.To == email && m.Subject.Contains("Підтвердіть email", StringComparison.Ordinal),
            $"confirming {email}");
        return new Uri(ConfirmLink().Match(mail.TextBody) is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"No confirmation link in: {mail.TextBody}"));
    }

    /// <summary>Confirms the address the way the app does: Identity's endpoint with the link's query.</summary>
    public async Task ConfirmAsync(string email)
    {
        var link = await ConfirmationLinkAsync(email);
        var response = await app.CreateClient().GetAsync("/api/v1/identity/confirmEmail" + link.Query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, link + " " + await response.Content.ReadAsStringAsync());
    }

    public async Task<AccessTokens> LoginAsync(string email, string password = Password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email, password });
        return await response.ReadAsync<AccessTokens>(HttpStatusCode.OK);
    }

    /// <summary>A confirmed login, signed in: an <see cref="HttpClient"/> sending its bearer token.</summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        await RegisterAsync(email);
        await ConfirmAsync(email);
        return app.Customer((await LoginAsync(email)).AccessToken);
    }

    [GeneratedRegex(@"https://vidnova\.test/cabinet/confirm-email\?[^\s""<>]+")]
    private static partial Regex ConfirmLink();
}

public sealed record AccessTokens(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

/// <summary>Linking personal accounts to customer logins through <c>POST /api/v1/me/accounts</c>, as the app does it.</summary>
public static class AccountLinking
{
    public static object Proof(string accountNumber, string surname, string eic) =>
        new { accountNumber, holderSurname = surname, proof = new { eic } };

    public static Task<HttpResponseMessage> LinkAsync(this HttpClient customer, string accountNumber, string surname, string eic) =>
        customer.PostAsJsonAsync("/api/v1/me/accounts", Proof(accountNumber, surname, eic));

    /// <summary>Links with the right proof and checks it was a new link.</summary>
    public static async Task LinkedAsync(this HttpClient customer, string accountNumber, string surname, string eic)
    {
        var response = await customer.LinkAsync(accountNumber, surname, eic);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
