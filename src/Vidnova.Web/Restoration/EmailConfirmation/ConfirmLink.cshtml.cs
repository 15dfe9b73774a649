using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Vidnova.Localization;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Restoration.EmailConfirmation;

/// <summary>
/// The "Підтвердити email" link from the confirmation email. Opening it only shows a button: mail scanners and
/// link previews fetch links, and a GET must not confirm anything on the customer's behalf. The POST confirms.
/// </summary>
internal sealed class ConfirmLinkModel(VidnovaDbContext db, ConfirmEmail confirmEmail, IStringLocalizer<SharedResource> t) : PageModel, IShowsRefusals
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public Guid Id { get; private set; }

    public RestorationApplication? Application { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The link works but the email is already confirmed: offer the way to the application instead.</summary>
    public bool AlreadyConfirmed { get; private set; }

    public string StatusLink => $"{CustomerAccessCookie.Path(Id)}?token={Uri.EscapeDataString(Token ?? "")}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Id = id;
        Application = await TryLoadAsync(id, cancellationToken);
        if (Application is null)
        {
            return NoAccess();
        }

        AlreadyConfirmed = Application.Status != ApplicationStatus.AwaitingEmailConfirmation;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        Id = id;
        Application = await TryLoadAsync(id, cancellationToken);
        if (Application is null)
        {
            return NoAccess();
        }

        await confirmEmail.HandleAsync(id, Token, Code, cancellationToken);
        TempData[nameof(StatusModel.SuccessMessage)] =
            t["Email підтверджено. Рахунок за послугу відновлення — нижче і у вашій пошті."].Value;
        return ToApplication(id);
    }

    /// <summary>The sentence on this page; a conflict (confirmed meanwhile, by a second click or the code) loses nothing.</summary>
    public Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken)
    {
        if (refusal.Category == RefusalCategory.Conflict && Application is not null)
        {
            return Task.FromResult<IActionResult>(ToApplication(Application.Id));
        }

        Error = refusal.Sentence;
        return Task.FromResult<IActionResult>(Page());
    }

    private RedirectResult ToApplication(Guid id)
    {
        CustomerAccessCookie.Write(Response, id, Token!);
        return Redirect(CustomerAccessCookie.Path(id));
    }

    private async Task<RestorationApplication?> TryLoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Token))
        {
            return null;
        }

        try
        {
            return await ApplicationAccess.LoadForCustomerAsync(db, id, Token, cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private PageResult NoAccess()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
