using System.Globalization;
using Microsoft.Extensions.Localization;
using Vidnova.Localization;

namespace Vidnova.Problems;

public static class ProblemTexts
{
    /// <summary>The sentence in the request's language, arguments formatted in that culture (amounts, dates).</summary>
    public static string Localize(HttpContext context, string format, params object[] arguments)
    {
        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var translated = localizer[format].Value;
        return arguments.Length == 0 ? translated : string.Format(CultureInfo.CurrentUICulture, translated, arguments);
    }
}
