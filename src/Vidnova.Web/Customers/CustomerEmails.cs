using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Notifications;
using Vidnova.Persistence;

namespace Vidnova.Customers;

/// <summary>
/// The emails of a customer login — confirm the address, reset the password — in Ukrainian, queued through the
/// notification outbox like every other email. Identity asks for them both from its API endpoints (the mobile app)
/// and from the cabinet pages; the links always open the cabinet's pages, which work on any device.
/// Identity's endpoints resolve their sender once, from the root provider, when they are mapped: so the sender holds
/// no database context of its own but queues each email in a scope of its own — one context shared by every request
/// would be used by several at once.
/// </summary>
internal sealed class CustomerEmails(IServiceScopeFactory scopes, IClock clock, OutboxSignal outbox, IOptions<VidnovaOptions> options)
    : IEmailSender<CustomerLogin>
{
    private const string Heading = "Віднова · особистий кабінет";

    public Task SendConfirmationLinkAsync(CustomerLogin user, string email, string confirmationLink) =>
        QueueAsync(user, email, "confirm", confirmationLink, "Підтвердіть email для особистого кабінету",
            new EmailParagraph("Ви зареєструвалися в особистому кабінеті Віднови (або змінили в ньому email)."),
            new EmailParagraph("Щоб увійти, підтвердіть цю адресу:"),
            new EmailAction("Підтвердити email", CabinetLink("confirm-email", confirmationLink)),
            new EmailParagraph("Якщо ви не реєструвалися, просто проігноруйте цей лист — без підтвердження вхід неможливий."));

    public Task SendPasswordResetLinkAsync(CustomerLogin user, string email, string resetLink) =>
        QueueAsync(user, email, "reset", resetLink, "Відновлення пароля до особистого кабінету",
            new EmailParagraph("Ви попросили відновити пароль до особистого кабінету Віднови."),
            new EmailAction("Задати новий пароль", WebUtility.HtmlDecode(resetLink)),
            new EmailParagraph("Якщо ви цього не робили, проігноруйте лист — пароль лишиться тим самим."));

    public Task SendPasswordResetCodeAsync(CustomerLogin user, string email, string resetCode) =>
        QueueAsync(user, email, "reset", resetCode, "Відновлення пароля до особистого кабінету",
            new EmailParagraph("Ви попросили відновити пароль до особистого кабінету Віднови."),
            new EmailAction("Задати новий пароль",
                $"{BaseUrl}/cabinet/reset-password?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(resetCode)}"),
            new EmailParagraph($"Або введіть цей код у застосунку: {resetCode}"),
            new EmailParagraph("Якщо ви цього не робили, проігноруйте лист — пароль лишиться тим самим."));

    private string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>
    /// Identity's own link points at its API endpoint, HTML-encoded for an HTML body; the same query opens the
    /// cabinet's page instead, and <see cref="EmailLayout"/> encodes it for each part itself.
    /// </summary>
    private string CabinetLink(string page, string identityLink) =>
        $"{BaseUrl}/cabinet/{page}{(Uri.TryCreate(WebUtility.HtmlDecode(identityLink), UriKind.Absolute, out var uri) ? uri.Query : "")}";

    private async Task QueueAsync(CustomerLogin user, string email, string purpose, string secret, string subject, params EmailBlock[] blocks)
    {
        // One message per token: the same request retried sends nothing twice, a new request sends a new email.
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..16];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        scope.ServiceProvider.GetRequiredService<INotificationOutbox>().Enqueue(new Notification($"login:{user.Id}:{purpose}:{fingerprint}",
            EmailLayout.Render(Heading, subject, "Цей лист надіслано автоматично.", blocks), email, user.Id, clock.GetCurrentInstant()));
        await db.SaveChangesAsync();
        outbox.Notify();
    }
}
