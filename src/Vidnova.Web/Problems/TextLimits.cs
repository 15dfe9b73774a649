using System.Collections.Concurrent;
using System.Reflection;

namespace Vidnova.Problems;

/// <summary>
/// A text field's limits, stated where the field is declared (a request record's parameter, a query parameter):
/// at most <see cref="MaxLength"/> characters — the length of the column it ends up in — and no control characters
/// (NUL, bell, escape…). Line breaks and tabs only where <see cref="MultiLine"/> says a person may write several
/// lines (a reason, a note). PostgreSQL refuses NUL (22021) and over-long text (22001) and SQLite stores both, so
/// without this the same request would be a 500 on one database and silently kept on the other.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextAttribute(int maxLength) : Attribute
{
    public int MaxLength { get; } = maxLength;

    public bool MultiLine { get; init; }
}

/// <summary>Checks the limits stated with <see cref="TextAttribute"/>, for every endpoint of the API at once.</summary>
public static class TextLimits
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Field>> Fields = new();

    /// <summary>An endpoint filter factory: checks the annotated parameters and request records of each handler before it runs.</summary>
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var checks = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (Index: index, Check: ForParameter(parameter)))
            .Where(c => c.Check is not null)
            .ToArray();
        if (checks.Length == 0)
        {
            return next;
        }

        return invocation =>
        {
            var errors = new InputErrors();
            foreach (var (index, check) in checks)
            {
                check!(invocation.Arguments[index], errors);
            }

            errors.ThrowIfAny();
            return next(invocation);
        };
    }

    /// <summary>Checks every annotated text field of <paramref name="body"/> (and of the records it holds).</summary>
    public static void Check(object? body, InputErrors errors) => Check(body, "", errors);

    /// <summary>Checks one value against its limits, naming <paramref name="field"/> in the error.</summary>
    public static void Check(string field, string? value, TextAttribute limits, InputErrors errors)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > limits.MaxLength)
        {
            errors.Add(field, "Не довше за {0} символів.", limits.MaxLength);
        }
        else if (HasForbiddenCharacters(value, limits.MultiLine))
        {
            errors.Add(field, limits.MultiLine
                ? "Текст містить керівні символи (наприклад, NUL): дозволені лише літери, цифри, знаки, пробіли й переведення рядка."
                : "Текст містить керівні символи (наприклад, NUL чи переведення рядка): дозволені лише літери, цифри, знаки й пробіли.");
        }
    }

    /// <summary>
    /// True for control characters (Unicode category Cc) other than line breaks and tabs in multi-line text, and for
    /// half of a surrogate pair, which is not a character at all and cannot be written as UTF-8.
    /// </summary>
    public static bool HasForbiddenCharacters(string value, bool multiLine)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || (char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')))
            {
                return true;
            }
        }

        return false;
    }

    private static Action<object?, InputErrors>? ForParameter(ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(string))
        {
            var limits = parameter.GetCustomAttribute<TextAttribute>();
            return limits is null ? null : (value, errors) => Check(parameter.Name!, (string?)value, limits, errors);
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return IsRequestRecord(type) && FieldsOf(type).Count > 0 ? (value, errors) => Check(value, "", errors) : null;
    }

    private static void Check(object? body, string prefix, InputErrors errors)
    {
        if (body is null)
        {
            return;
        }

        foreach (var field in FieldsOf(body.GetType()))
        {
            var value = field.Property.GetValue(body);
            if (field.Limits is { } limits)
            {
                Check(prefix + field.Name, (string?)value, limits, errors);
            }
            else
            {
                Check(value, prefix + field.Name + ".", errors);
            }
        }
    }

    /// <summary>
    /// The text fields of a request record and the records nested in it. A text field without stated limits is a
    /// programming error, reported when the endpoint is built rather than discovered in production.
    /// </summary>
    private static IReadOnlyList<Field> FieldsOf(Type type) => Fields.GetOrAdd(type, static type =>
    {
        var parameters = type.GetConstructors().SelectMany(c => c.GetParameters())
            .Where(p => p.GetCustomAttribute<TextAttribute>() is not null)
            .GroupBy(p => p.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().GetCustomAttribute<TextAttribute>()!, StringComparer.Ordinal);
        var fields = new List<Field>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            if (property.PropertyType == typeof(string))
            {
                var limits = property.GetCustomAttribute<TextAttribute>() ?? parameters.GetValueOrDefault(property.Name)
                    ?? throw new InvalidOperationException(
                        $"{type.Name}.{property.Name} is text the API accepts but states no limits: add [Text(maxLength)] (see Problems/TextLimits.cs).");
                fields.Add(new Field(name, property, limits));
            }
            else if (IsRequestRecord(property.PropertyType) && FieldsOf(property.PropertyType).Count > 0)
            {
                fields.Add(new Field(name, property, null));
            }
        }

        return fields;
    });

    /// <summary>A record of ours bound from the request; services, framework types and value objects are not.</summary>
    private static bool IsRequestRecord(Type type) =>
        type.IsClass && type.Namespace?.StartsWith("Vidnova", StringComparison.Ordinal) == true && type.GetMethod("<Clone>$") is not null;

    private sealed record Field(string Name, PropertyInfo Property, TextAttribute? Limits);
}
