using NodaTime;

namespace Vidnova.Problems;

/// <summary>
/// A limit was reached: worth repeating after <see cref="RetryAfter"/>; the sentence says when (RFC 9110 §10.2.3).
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
}
