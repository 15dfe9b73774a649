using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Vidnova.Tests.Infrastructure;

/// <summary>The cabinet's pages driven as a browser without JavaScript would: a cookie jar, forms with their antiforgery token.</summary>
public sealed partial class CabinetPages(VidnovaApp app)
{
    /// <summary>A cookie-holding client that does not follow redirects, so tests see where each form sends.</summary>
    public HttpClient NewBrowser(string? acceptLanguage = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return client;
    }

    /// <summary>Opens <paramref name="page"/>, then posts its form (to <paramref name="action"/>, default the page itself) with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string page, IReadOnlyDictionary<string, string> fields, string? action = null)
    {
        var form = await browser.GetAsync(page);
        var html = await form.Content.ReadAsStringAsync();
        Assert.True(form.StatusCode == HttpStatusCode.OK, $"{page}: {(int)form.StatusCode} {html}");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryTokenIn(html) };
        return await browser.PostAsync(action ?? page, new FormUrlEncodedContent(body));
    }

    public static Task<HttpResponseMessage> RegisterAsync(HttpClient browser, string email, string password = CustomerLogins.Password) =>
        SubmitAsync(browser, "/cabinet/register", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    public static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password = CustomerLogins.Password, string? returnUrl = null) =>
        SubmitAsync(browser, "/cabinet/sign-in" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)),
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = returnUrl ?? "" });

    /// <summary>A login registered and confirmed through the pages, signed in: a browser with the cabinet's cookie.</summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        var browser = NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(browser, email)).StatusCode);
        var link = await new CustomerLogins(app).ConfirmationLinkAsync(email);
        Assert.Contains("Email підтверджено", await browser.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        var signedIn = await SignInAsync(browser, email);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        return browser;
    }

    /// <summary>The authenticator key the security page shows, in groups of four, as an app would read it.</summary>
    public static string SharedKeyIn(string html) =>
        SharedKey().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No shared key on the page: " + html);

    public static IReadOnlyList<string> RecoveryCodesIn(string html) =>
        [.. RecoveryCodes().Match(html).Groups[1].Value.Split("</li>").Select(c => Regex.Replace(c, "<[^>]+>", "").Trim()).Where(c => c.Length > 0)];

    /// <summary>The code an authenticator app shows (RFC 6238: HMAC-SHA1 over 30-second steps, 6 digits) from a base32 key.</summary>
    public static string TotpCode(string sharedKey, DateTimeOffset at, int stepOffset = 0)
    {
        var key = Base32(sharedKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var counter = (at.ToUnixTimeSeconds() / 30) + stepOffset;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }

        // SHA-1 is what RFC 6238 and every authenticator app use; here it only recomputes what the app would show.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"id=""shared-key"">([^<]+)<")]
    private static partial Regex SharedKey();

    [GeneratedRegex(@"<ul class=""recovery-codes"">(.*?)</ul>", RegexOptions.Singleline)]
    private static partial Regex RecoveryCodes();
}
