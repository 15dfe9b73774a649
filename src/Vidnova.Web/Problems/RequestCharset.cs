using System.Text;
using Microsoft.Net.Http.Headers;

namespace Vidnova.Problems;

/// <summary>
/// A body whose Content-Type names a charset .NET does not know (<c>application/json; charset=nonsense</c>) makes the
/// JSON reader throw an InvalidOperationException — a 500 for the client's mistake. Refused here first as 415
/// (RFC 9110, 15.5.16), a problem detail like any unreadable body.
/// </summary>
public static class RequestCharset
{
    public static IApplicationBuilder UseKnownRequestCharset(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            && type.Charset is { HasValue: true } charset && !IsKnown(HeaderUtilities.RemoveQuotes(charset).Value))
        {
            throw new BadHttpRequestException($"Unknown charset in Content-Type: {charset}", StatusCodes.Status415UnsupportedMediaType);
        }

        return next(context);
    });

    private static bool IsKnown(string? charset)
    {
        try
        {
            return !string.IsNullOrEmpty(charset) && Encoding.GetEncoding(charset) is not null;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
