namespace Vidnova.Problems;

/// <summary>A field the caller sent is missing or malformed. Messages are Ukrainian sentences (translation keys).</summary>
public sealed class InputValidationException(IReadOnlyList<FieldError> errors)
    : Exception("Invalid input: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.MessageFormat}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

public sealed record FieldError(string Field, string MessageFormat, params object[] Arguments);

/// <summary>Collects field errors and throws them together, so the caller fixes everything in one go.</summary>
public sealed class InputErrors
{
    private readonly List<FieldError> _errors = [];

    public void Add(string field, string messageFormat, params object[] arguments) =>
        _errors.Add(new FieldError(field, messageFormat, arguments));

    public bool Any => _errors.Count > 0;

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new InputValidationException(_errors);
        }
    }
}
