using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vidnova.Localization;
using Vidnova.Restoration;

namespace Vidnova.Tests.Infrastructure;

/// <summary>The timeline's sentences outside a request: the real resources, in the culture asked for.</summary>
internal static class Timelines
{
    public static readonly TimelineText Text = new(new StringLocalizer<SharedResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    /// <summary>The sentence for <paramref name="audience"/> in <paramref name="language"/> (uk unless told).</summary>
    public static string? Describe(TimelineEntry entry, TimelineAudience audience = TimelineAudience.Staff, string language = "uk-UA")
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return Text.Describe(entry, audience);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }
}
