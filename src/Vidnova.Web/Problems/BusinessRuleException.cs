namespace Vidnova.Problems;

/// <summary>
/// A business rule refused the request. <see cref="MessageFormat"/> is the Ukrainian sentence the customer reads;
/// it is also the key of its English translation in <c>SharedResource.en.resx</c>.
/// </summary>
public sealed class BusinessRuleException(string code, string messageFormat, params object[] arguments)
    : Exception(string.Format(System.Globalization.CultureInfo.GetCultureInfo("uk-UA"), messageFormat, arguments))
{
    public string Code { get; } = code;

    public string MessageFormat { get; } = messageFormat;

    public IReadOnlyList<object> Arguments { get; } = arguments;

    /// <summary>Conflict when the request clashes with the current state; invalid input when it can never succeed as sent.</summary>
    public RefusalCategory Category { get; init; } = RefusalCategory.Conflict;

    /// <summary>With <see cref="RefusalCategory.TooManyRequests"/>, when the request is worth repeating (RFC 6585 §4).</summary>
    public NodaTime.Duration? RetryAfter { get; init; }

    /// <summary>The same request with the caller's confirmation (<c>confirm: true</c>) would be taken: an unusual value that may be right.</summary>
    public bool NeedsConfirmation { get; init; }
}

/// <summary>The thing the request names does not exist (or is not the caller's to see).</summary>
public sealed class NotFoundException(string code, string messageFormat, params object[] arguments)
    : Exception(string.Format(System.Globalization.CultureInfo.GetCultureInfo("uk-UA"), messageFormat, arguments))
{
    public string Code { get; } = code;

    public string MessageFormat { get; } = messageFormat;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}
