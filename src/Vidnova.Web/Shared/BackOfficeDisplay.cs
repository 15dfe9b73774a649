using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using NodaTime;
using Vidnova.Calendar;

namespace Vidnova.Shared;

/// <summary>Formatting shared by the staff pages of every capability: Kyiv times, file sizes, paging links, LIKE escaping.</summary>
public static class BackOfficeDisplay
{
    public const string LikeEscape = @"\";

    public static string KyivDateTime(Instant instant) =>
        instant.InZone(KyivTime.Zone).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string KyivDateTime(Instant? instant) => instant is { } value ? KyivDateTime(value) : "";

    public static string Date(LocalDate date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>The machine-readable value for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string Iso(Instant instant) => instant.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string FileSize(IStringLocalizer t, long bytes) => bytes < 1024 * 1024
        ? t["{0} КБ", Math.Max(1, bytes / 1024)]
        : t["{0} МБ", (bytes / (1024d * 1024d)).ToString("0.0", CultureInfo.CurrentCulture)];

    /// <summary>"Previous · page 2 of 7 · next" under a table; nothing when everything fits on one page.</summary>
    public static IHtmlContent Pager(HttpRequest request, IStringLocalizer t, int page, int pageCount)
    {
        var html = new HtmlContentBuilder();
        if (pageCount <= 1)
        {
            return html;
        }

        html.AppendHtml($"<nav class=\"pager\" aria-label=\"{Encode(t["Сторінки"])}\">");
        if (page > 1)
        {
            html.AppendHtml($"<a rel=\"prev\" href=\"{Encode(PageUrl(request, page - 1))}\">← {Encode(t["Попередня"])}</a>");
        }

        html.AppendHtml($"<span aria-current=\"page\">{Encode(t["Сторінка {0} з {1}", page, pageCount])}</span>");
        if (page < pageCount)
        {
            html.AppendHtml($"<a rel=\"next\" href=\"{Encode(PageUrl(request, page + 1))}\">{Encode(t["Наступна"])} →</a>");
        }

        html.AppendHtml("</nav>");
        return html;

        static string Encode(string text) => HtmlEncoder.Default.Encode(text);
    }

    /// <summary>The current page's address with <paramref name="page"/> swapped in and every other filter kept.</summary>
    public static string PageUrl(HttpRequest request, int page)
    {
        var parameters = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !string.Equals(p.Key, "page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new KeyValuePair<string, string?>("page", page.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(request.Path, parameters);
    }

    public static string EscapeLike(string text) => text
        .Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal)
        .Replace("_", @"\_", StringComparison.Ordinal);
}
