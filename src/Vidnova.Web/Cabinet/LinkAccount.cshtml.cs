using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vidnova.Customers;
using Vidnova.Customers.Links;
using Vidnova.Hosting;
using Vidnova.Problems;

namespace Vidnova.Cabinet;

/// <summary>Links a personal account to the signed-in login with the details on the bill (the same rule and limit as the API).</summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
internal sealed class LinkAccountModel(LinkAccount linkAccount) : PageModel, IShowsRefusals
{
    [BindProperty]
    public string? AccountNumber { get; set; }

    [BindProperty]
    public string? HolderSurname { get; set; }

    [BindProperty]
    public string? Eic { get; set; }

    public LinkAccountForm Form { get; private set; } = new();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await linkAccount.HandleAsync(CustomerPrincipal.RequiredLoginIdOf(User),
            new LinkAccountCommand(AccountNumber, HolderSurname, new LinkAccountProof(Eic)), cancellationToken);
        TempData[nameof(CabinetHomeModel.Linked)] = result.AccountNumber.Value;
        return Redirect("/cabinet");
    }

    /// <summary>Invalid fields are marked one by one; a wrong proof or the limit is said above the form, keeping what was typed.</summary>
    public Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken)
    {
        Form = new LinkAccountForm { AccountNumber = AccountNumber, HolderSurname = HolderSurname, Eic = Eic };
        foreach (var (field, sentences) in refusal.FieldErrors)
        {
            foreach (var sentence in sentences)
            {
                Form.AddError(field, sentence);
            }
        }

        if (refusal.FieldErrors.Count == 0)
        {
            Form.Refusal = refusal.Sentence;
        }

        return Task.FromResult<IActionResult>(Page());
    }
}
