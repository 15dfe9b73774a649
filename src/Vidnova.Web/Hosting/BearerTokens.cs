namespace Vidnova.Hosting;

/// <summary>The credentials of an <c>Authorization: Bearer …</c> header (RFC 6750, section 2.1).</summary>
public static class BearerTokens
{
    private const string Scheme = "Bearer ";

    /// <summary>The token after <c>Bearer </c>, trimmed; null when the header is missing or another scheme.</summary>
    public static string? Of(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }
}
