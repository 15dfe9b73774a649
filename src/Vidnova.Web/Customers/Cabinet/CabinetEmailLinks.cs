using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Vidnova.Hosting;

namespace Vidnova.Customers.Cabinet;

/// <summary>
/// The confirmation and password-reset emails the cabinet's pages send, with exactly the codes Identity's API sends
/// (the token base64url-encoded), so that one confirmation page and one reset page take the links of both.
/// </summary>
internal sealed class CabinetEmailLinks(UserManager<CustomerLogin> users, IEmailSender<CustomerLogin> emails, IOptions<VidnovaOptions> options)
{
    /// <summary>A link that confirms <paramref name="email"/>: the login's own address, or a new one it asked to change to.</summary>
    public async Task SendConfirmationAsync(CustomerLogin login, string email, bool isChange)
    {
        var token = isChange ? await users.GenerateChangeEmailTokenAsync(login, email) : await users.GenerateEmailConfirmationTokenAsync(login);
        var query = new QueryBuilder
        {
            { "userId", login.Id.ToString() },
            { "code", WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)) },
        };
        if (isChange)
        {
            query.Add("changedEmail", email);
        }

        // HTML-encoded, as Identity's API hands its link to the sender.
        var link = $"{options.Value.PublicBaseUrl.TrimEnd('/')}/cabinet/confirm-email{query.ToQueryString()}";
        await emails.SendConfirmationLinkAsync(login, email, HtmlEncoder.Default.Encode(link));
    }

    public async Task SendPasswordResetAsync(CustomerLogin login)
    {
        var token = await users.GeneratePasswordResetTokenAsync(login);
        await emails.SendPasswordResetCodeAsync(login, login.Email!, WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>A code from an emailed link as Identity's API decodes it; null when it is not base64url at all.</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
