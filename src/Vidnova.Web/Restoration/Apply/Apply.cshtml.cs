using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vidnova.Hosting;
using Vidnova.Problems;

namespace Vidnova.Restoration.Apply;

/// <summary>The restoration application form (the article's condition 2), for a household disconnected for debt.</summary>
public sealed class ApplyModel(ApplyForRestoration applyForRestoration, RateLimits limits) : PageModel
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

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ApplyResult result;
        try
        {
            limits.ApplicationFrom(HttpContext);
            result = await applyForRestoration.HandleAsync(
                new ApplyCommand(AccountNumber, HolderSurname, Email, EmailConfirmation, Phone), cancellationToken);
        }
        catch (InputValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                AddFieldError(error.Field, ProblemTexts.Localize(HttpContext, error.MessageFormat, error.Arguments));
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (TooManyRequestsException limited)
        {
            Refusal = limited.Describe(HttpContext);
            RefusalCode = TooManyRequestsException.Code;
            limited.AddRetryAfter(Response);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        catch (BusinessRuleException refused)
        {
            Refusal = ProblemTexts.Localize(HttpContext, refused.MessageFormat, [.. refused.Arguments]);
            RefusalCode = refused.Code;
            // The two refusals about what was typed also mark the field, so it is easy to find and fix.
            switch (refused.Code)
            {
                case "account_not_found":
                    AddFieldError("accountNumber", Refusal);
                    break;
                case "holder_surname_mismatch":
                    AddFieldError("holderSurname", Refusal);
                    break;
            }

            Response.StatusCode = refused.StatusCode;
            return Page();
        }

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

    private void AddFieldError(string field, string message)
    {
        if (!FieldErrors.TryGetValue(field, out var errors))
        {
            FieldErrors[field] = errors = [];
        }

        errors.Add(message);
    }
}
