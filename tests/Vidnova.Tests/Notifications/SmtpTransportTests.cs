using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MimeKit;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Notifications;

/// <summary>Customer emails sent through a real SMTP server with MailKit, as in production (not the pickup folder).</summary>
public sealed partial class SmtpTransportTests : IAsyncLifetime
{
    private SmtpServer Smtp { get; set; } = null!;

    private VidnovaApp App { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        App = new VidnovaApp(DatabaseProvider.Sqlite)
        {
            Settings = new Dictionary<string, string?>
            {
                ["Mail:Smtp:Host"] = "127.0.0.1",
                ["Mail:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mail:Smtp:Security"] = "None",
            },
        };
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    [Fact]
    public async Task TheConfirmationAndTheInvoice_ReachTheCustomerOverSmtp_EachOnce_WithTheReplyAddress()
    {
        var scenario = new Scenario(App);
        await scenario.RegisterDsoAsync();
        await scenario.PutAccountAsync("4400000001");
        var applied = await scenario.ApplyAsync("4400000001");

        var confirmation = await DeliveredAsync(m => (m.Subject ?? "").StartsWith("Підтвердіть", StringComparison.Ordinal));
        Assert.Equal("taras@example.com", confirmation.Headers["X-RcptTo"]);
        var code = Code().Match(confirmation.TextBody ?? "").Groups[1].Value;
        (await App.Customer(applied.AccessToken!).PostAsJsonAsync($"/api/v1/restoration-applications/{applied.Id}/email-confirmation", new { code }))
            .EnsureSuccessStatusCode();

        var invoice = await DeliveredAsync(m => (m.Subject ?? "").StartsWith("Рахунок", StringComparison.Ordinal));
        Assert.Matches(@"^receipts\+[a-z2-7]{12}@vidnova\.test$", invoice.ReplyTo.Mailboxes.Single().Address);
        Assert.EndsWith("@vidnova", invoice.MessageId, StringComparison.Ordinal);
        Assert.Contains(Scenario.DsoIban, invoice.TextBody ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await App.Customer(applied.AccessToken!).GetAsync($"/api/v1/restoration-applications/{applied.Id}")).StatusCode);
        Assert.Equal(2, Smtp.Messages().Count);
    }

    private Task<MimeMessage> DeliveredAsync(Func<MimeMessage, bool> match) =>
        Eventually.ValueAsync(() => Task.FromResult(Smtp.Messages().FirstOrDefault(match)), TimeSpan.FromSeconds(30),
            () => $"Not delivered over SMTP; host errors: {string.Join('\n', App.Errors.Entries)}");

    [GeneratedRegex(@"код[^:]*:\s*(\d{6})", RegexOptions.IgnoreCase)]
    private static partial Regex Code();
}
