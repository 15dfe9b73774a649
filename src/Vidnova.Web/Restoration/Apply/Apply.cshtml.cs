using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vidnova.Hosting;
using Vidnova.Problems;

namespace Vidnova.Restoration.Apply;

/// <summary>The restoration application form (the article's condition 2), for a household disconnected for debt.</summary>
internal sealed class ApplyModel(ApplyForRestoration applyForRestoration, RateLimits limits) : PageModel, IShowsRefusals
{
    /// <summary>The form's fields, in the order they appear; the names are the use case's field names.</summary>
    public static readonly string[] FieldOrder = ["accountNumber", "holderSurname", "email", "emailConfirmation", "phone"];

    [BindProperty]
    public string? AccountNumber { get; set; }

    [BindProperty]
    public string? HolderSurname { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? EmailConfirmation { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    /// <summary>Localised messages per field, in form order.</summary>
    public Dictionary<string, List<string>> FieldErrors { get; } = [];

    /// <summary>A business rule refused the application (debt, not disconnected, unknown account…): the localised sentence.</summary>
    public string? Refusal { get; private set; }

    public string? RefusalCode { get; private set; }

    /// <summary>Set after a repeated submission: the number of the application already open for the account.</summary>
    [TempData]
    public string? AlreadyOpenNumber { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        limits.ApplicationFrom(HttpContext);
        var result = await applyForRestoration.HandleAsync(
            new ApplyCommand(AccountNumber, HolderSurname, Email, EmailConfirmation, Phone), cancellationToken);

        if (!result.Created)
        {
            // Someone (probably the customer) already applied for this account. We re-sent the link to the email
            // given then, and never say which address that was.
            AlreadyOpenNumber = result.Application.Number;
            return RedirectToPage();
        }

        CustomerAccessCookie.Write(Response, result.Application.Id, result.AccessToken!);
        return Redirect(CustomerAccessCookie.Path(result.Application.Id));
    }

    public string? ValueOf(string field) => field switch
    {
        "accountNumber" => AccountNumber,
        "holderSurname" => HolderSurname,
        "email" => Email,
        "emailConfirmation" => EmailConfirmation,
        "phone" => Phone,
        _ => null,
    };

    public IReadOnlyList<string> ErrorsOf(string field) => FieldErrors.TryGetValue(field, out var errors) ? errors : [];

    /// <summary>Invalid fields are marked one by one; any other refusal is said above the form.</summary>
    public Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken)
    {
        foreach (var (field, sentences) in refusal.FieldErrors)
        {
            foreach (var sentence in sentences)
            {
                AddFieldError(field, sentence);
            }
        }

        if (refusal.FieldErrors.Count == 0)
        {
            Refusal = refusal.Sentence;
            RefusalCode = refusal.Code;
            // The two refusals about what was typed also mark the field, so it is easy to find and fix.
            switch (refusal.Code)
            {
                case "account_not_found":
                    AddFieldError("accountNumber", Refusal);
                    break;
                case "holder_surname_mismatch":
                    AddFieldError("holderSurname", Refusal);
                    break;
            }
        }

        return Task.FromResult<IActionResult>(Page());
    }

    private void AddFieldError(string field, string message)
    {
        if (!FieldErrors.TryGetValue(field, out var errors))
        {
            FieldErrors[field] = errors = [];
        }

        errors.Add(message);
    }
}
