using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Vidnova.Restoration;

namespace Vidnova.Tests.Infrastructure;

/// <summary>Drives the restoration journey through the public API, the way a mobile app and a DSO would.</summary>
internal sealed partial class Scenario(VidnovaApp app)
{
    public const string DsoCode = "kyiv-city";
    public const string DsoIban = "UA213223130000026007233566001";
    public const string DsoEdrpou = "41946011";

    public static readonly byte[] PdfReceipt = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public async Task RegisterDsoAsync(string code = DsoCode, decimal price = 1234.56m)
    {
        var response = await app.Admin().PutAsJsonAsync($"/api/v1/dsos/{code}",
            new { name = "ПрАТ «ДТЕК Київські електромережі»", edrpou = DsoEdrpou, iban = DsoIban, restorationPrice = price });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A DSO whose channel is a signed webhook (docs/dso-protocol.md).</summary>
    public async Task RegisterWebhookDsoAsync(string code, Uri url, string secret)
    {
        var response = await app.Admin().PutAsJsonAsync($"/api/v1/dsos/{code}", new
        {
            name = $"ОСР {code}",
            edrpou = DsoEdrpou,
            iban = DsoIban,
            restorationPrice = 1234.56m,
            channel = new { type = "webhook", url = url.AbsoluteUri, secret },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Waits until the DSO has restored every one of <paramref name="applications"/>. <paramref name="beforeEachLook"/>
    /// may keep the host's fake clock in step with a DSO that signs its callbacks with the real time.
    /// </summary>
    public Task AllRestoredAsync(IReadOnlyCollection<ApplicationResponse> applications, Action? beforeEachLook = null)
    {
        var restored = 0;
        return Eventually.TrueAsync(
            async () =>
            {
                beforeEachLook?.Invoke();
                restored = 0;
                foreach (var application in applications)
                {
                    restored += (await GetAsAdminAsync(application.Id)).Status == "restored" ? 1 : 0;
                }

                return restored == applications.Count;
            },
            TimeSpan.FromSeconds(90),
            () => $"{restored} of {applications.Count} restored: {string.Join("\n", app.Errors.Entries)}");
    }

    public async Task<string> IssueDsoKeyAsync(string code = DsoCode)
    {
        var response = await app.Admin().PostAsync($"/api/v1/dsos/{code}/api-keys", null);
        var body = await response.ReadAsync<ApiKeyBody>(HttpStatusCode.Created);
        return body.ApiKey;
    }

    public async Task PutAccountAsync(string number, string holder = "Шевченко Тарас Григорович", decimal debt = 0m,
        string supplyStatus = "disconnected_for_debt", string settlement = "city", string dso = DsoCode, string eic = "62Z100000000001Z")
    {
        var response = await app.Admin().PutAsJsonAsync($"/api/v1/accounts/{number}", new
        {
            holderName = holder,
            address = "м. Київ, вул. Хрещатик, 1, кв. 5",
            eic,
            settlement,
            dsoCode = dso,
            supplyStatus,
            debt,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static object ApplicationFor(string account, string surname = "Шевченко", string email = "taras@example.com") => new
    {
        accountNumber = account,
        holderSurname = surname,
        email,
        emailConfirmation = email,
        phone = "067 123 45 67",
    };

    public async Task<ApplyBody> ApplyAsync(string account, string email = "taras@example.com")
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications", ApplicationFor(account, email: email));
        return await response.ReadAsync<ApplyBody>(HttpStatusCode.Created);
    }

    public async Task<string> ConfirmationCodeAsync(string number)
    {
        var mail = await app.Mail.WaitForAsync(m => m.Subject.Contains(number, StringComparison.Ordinal) && m.Subject.StartsWith("Підтвердіть", StringComparison.Ordinal), $"with the code for {number}");
        return CodePattern().Match(mail.TextBody).Groups[1].Value;
    }

    public async Task<ApplyBody> ConfirmedApplicationAsync(string account)
    {
        var applied = await ApplyAsync(account);
        var code = await ConfirmationCodeAsync(applied.Number);
        var response = await app.Customer(applied.AccessToken!).PostAsJsonAsync($"/api/v1/restoration-applications/{applied.Id}/email-confirmation", new { code });
        await response.ReadAsync<ApplicationResponse>(HttpStatusCode.OK);
        return applied;
    }

    public async Task<HttpResponseMessage> UploadAsync(ApplyBody application, byte[] content, string fileName = "receipt.pdf", string contentType = "application/pdf")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return await app.Customer(application.AccessToken!).PostAsync($"/api/v1/restoration-applications/{application.Id}/receipts", form);
    }

    public async Task<ApplicationResponse> SentToDsoAsync(string account)
    {
        var application = await ConfirmedApplicationAsync(account);
        (await UploadAsync(application, PdfReceipt)).EnsureSuccessStatusCode();
        var decision = await app.Admin().PostAsJsonAsync($"/api/v1/restoration-applications/{application.Id}/receipt-decision", new { approve = true });
        return await decision.ReadAsync<ApplicationResponse>(HttpStatusCode.OK);
    }

    public async Task<ApplicationResponse> GetAsync(ApplyBody application) =>
        await (await app.Customer(application.AccessToken!).GetAsync($"/api/v1/restoration-applications/{application.Id}"))
            .ReadAsync<ApplicationResponse>(HttpStatusCode.OK);

    public async Task<ApplicationResponse> GetAsAdminAsync(Guid id) =>
        await (await app.Admin().GetAsync($"/api/v1/restoration-applications/{id}")).ReadAsync<ApplicationResponse>(HttpStatusCode.OK);

    [GeneratedRegex(@"код[^:]*:\s*(\d{6})", RegexOptions.IgnoreCase)]
    private static partial Regex CodePattern();
}

public sealed record ApplyBody(Guid Id, string Number, string Status, string? AccessToken);

public sealed record ApiKeyBody(string ApiKey);
