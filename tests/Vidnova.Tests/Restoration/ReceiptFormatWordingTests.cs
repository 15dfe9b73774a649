using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Restoration;

/// <summary>
/// Issue 16, item 5: the invoice email, the status page and a refused upload name the same formats — the ones the
/// upload actually takes (HEIC too), from one sentence.
/// </summary>
public abstract class ReceiptFormatWordingTests(VidnovaApp app) : IAsyncLifetime
{
    private const string Formats = "PDF з банківського застосунку або фото чи скриншот у JPEG, PNG або HEIC, до 10 МБ";

    private readonly Scenario _scenario = new(app);

    public async Task InitializeAsync() => await _scenario.RegisterDsoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task InvoiceEmail_StatusPage_AndRefusal_SayTheSameFormats_HeicIncluded()
    {
        await _scenario.PutAccountAsync("6160000001");
        var application = await _scenario.ConfirmedApplicationAsync("6160000001");

        var invoice = await app.Mail.WaitForAsync(m => m.Subject == $"Рахунок за відновлення електропостачання, заява {application.Number}", "the invoice");
        Assert.Contains(Formats, invoice.TextBody, StringComparison.Ordinal);

        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/restoration/{application.Id}?token={Uri.EscapeDataString(application.AccessToken!)}")).StatusCode);
        var page = await browser.GetStringAsync($"/restoration/{application.Id}");
        Assert.Contains(Formats + ".", page, StringComparison.Ordinal);
        Assert.Contains(".heic", page, StringComparison.Ordinal);

        var refused = await _scenario.UploadAsync(application, "not a receipt"u8.ToArray(), "receipt.txt", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Contains(Formats, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class ReceiptFormatWordingOnSqlite(SqliteApp app) : ReceiptFormatWordingTests(app), IClassFixture<SqliteApp>;

public sealed class ReceiptFormatWordingOnPostgres(PostgresApp app) : ReceiptFormatWordingTests(app), IClassFixture<PostgresApp>;
