namespace Vidnova.Cabinet;

/// <summary>
/// What the link-account form shows: what was typed, each field's errors and a refusal above the form. Shared by the
/// link page and the home page's empty state, which both post to the link page.
/// </summary>
internal sealed class LinkAccountForm
{
    /// <summary>The form's fields in the order they appear; the names are the use case's fields.</summary>
    public static readonly string[] FieldOrder = ["accountNumber", "holderSurname", "proof.eic"];

    public string? AccountNumber { get; init; }

    public string? HolderSurname { get; init; }

    public string? Eic { get; init; }

    public Dictionary<string, List<string>> FieldErrors { get; } = [];

    public string? Refusal { get; set; }

    public string? ValueOf(string field) => field switch
    {
        "accountNumber" => AccountNumber,
        "holderSurname" => HolderSurname,
        "proof.eic" => Eic,
        _ => null,
    };

    public IReadOnlyList<string> ErrorsOf(string field) => FieldErrors.TryGetValue(field, out var errors) ? errors : [];

    public void AddError(string field, string sentence)
    {
        if (!FieldErrors.TryGetValue(field, out var errors))
        {
            FieldErrors[field] = errors = [];
        }

        errors.Add(sentence);
    }
}
