using NodaTime;

namespace Vidnova.Problems;

/// <summary>
/// A limit was reached: 429 with <c>Retry-After</c> (RFC 9110 §10.2.3) and a sentence saying when to try again.
/// <see cref="MessageFormat"/> is the Ukrainian sentence with <c>{0}</c> for "in N minutes" (a translation key).
/// </summary>
public sealed class TooManyRequestsException(string messageFormat, Duration retryAfter)
    : Exception($"Rate limited for {retryAfter}: {messageFormat}")
{
    public const string Code = "rate_limited";

    public string MessageFormat { get; } = messageFormat;

    /// <summary>At least a second: a client told to retry "in 0 seconds" would hammer us.</summary>
    public Duration RetryAfter { get; } = Duration.Max(retryAfter, Duration.FromSeconds(1));

    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);

    /// <summary>Seconds, the form every client understands (RFC 9110 §10.2.3 allows a date too).</summary>
    public void AddRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The sentence in the request's language: "… try again in 5 min." / "… in 2 h."</summary>
    public string Describe(HttpContext context)
    {
        var minutes = (int)Math.Ceiling(RetryAfter.TotalMinutes);
        var when = minutes <= 90
            ? ProblemTexts.Localize(context, "через {0} хв", minutes)
            : ProblemTexts.Localize(context, "через {0} год", (int)Math.Ceiling(RetryAfter.TotalHours));
        return ProblemTexts.Localize(context, MessageFormat, when);
    }
}
