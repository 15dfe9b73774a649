using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Shared;

namespace Vidnova.Customers.BackOffice;

/// <summary>
/// Staff find a customer's login by its email (from the start, any case), a personal account's number or a phone
/// number, and see which accounts each login is linked to; for an account, which logins and its link history. A
/// supervisor may unlink a login from an account, with a reason, after confirming — audited as the staff member's.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
internal sealed class CustomerSearchModel(VidnovaDbContext db, ILookupNormalizer normalizer, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 20;

    /// <summary>A Ukrainian number's significant digits (after 0 or +380); phones match on them however they were typed.</summary>
    public const int PhoneDigits = 9;

    public const int HistoryLimit = 100;

    public const int ReasonLength = 1000;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    // From the query only: "page" is also the route value Razor Pages names the page by.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The link a supervisor is about to remove: the confirmation step.</summary>
    [FromQuery(Name = "unlink")]
    public Guid? UnlinkId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public bool MayUnlink { get; private set; }

    public IReadOnlyList<LoginRow> Logins { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>When the search is an account number: that account's logins and link history.</summary>
    public AccountView? Account { get; private set; }

    public AccountLoginRow? Confirming { get; private set; }

    public string? ReasonError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayUnlink = await MayUnlinkAsync();
        await SearchAsync(ct);
        if (MayUnlink && UnlinkId is { } id)
        {
            Confirming = await LinkAsync(id, ct);
        }
    }

    public async Task<IActionResult> OnPostUnlinkAsync(Guid linkId, [FromServices] AccountUnlinking unlink, CancellationToken ct)
    {
        if (!await MayUnlinkAsync())
        {
            return Forbid();
        }

        var link = await LinkAsync(linkId, ct);
        if (link is null)
        {
            StatusMessage = ProblemTexts.Localize(HttpContext, "Цей вхід уже не прив'язано до рахунку — нічого не змінено.");
            return RedirectToPage(new { q = Query });
        }

        var reason = Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > ReasonLength)
        {
            ReasonError = reason.Length == 0
                ? ProblemTexts.Localize(HttpContext, "Вкажіть причину: її побачать у журналі прив'язок.")
                : ProblemTexts.Localize(HttpContext, "Причина задовга: щонайбільше {0} символів.", ReasonLength);
            MayUnlink = true;
            UnlinkId = linkId;
            Confirming = link;
            await SearchAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            await unlink.HandleAsync(link.LoginId, link.AccountNumber, "staff:" + User.Identity!.Name, reason, ct);
            StatusMessage = ProblemTexts.Localize(HttpContext, "Вхід {0} відв'язано від рахунку {1}.", link.Email, link.AccountNumber.Value);
        }
        catch (Exception exception) when (exception is NotFoundException || (exception is DbUpdateException update && update.IsLostRace()))
        {
            StatusMessage = ProblemTexts.Localize(HttpContext, "Цей вхід уже не прив'язано до рахунку — нічого не змінено.");
        }

        return RedirectToPage(new { q = Query ?? link.AccountNumber.Value });
    }

    private async Task SearchAsync(CancellationToken ct)
    {
        Query = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim();
        if (Query is null)
        {
            return;
        }

        var account = AccountNumber.TryParse(Query, out var parsed) ? parsed : null;
        var emailPrefix = BackOfficeDisplay.EscapeLike(normalizer.NormalizeEmail(Query)) + "%";
        var digits = new string([.. Query.Where(char.IsAsciiDigit)]);
        var phoneTail = digits.Length >= PhoneDigits && Query.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')')
            ? digits[^PhoneDigits..]
            : null;

        var logins = db.Set<CustomerLogin>().AsNoTracking();
        var links = db.Set<AccountLink>().AsNoTracking();
        // One WHERE in SQL: the email's prefix on its normalised (upper-case) column, the phone's last digits with
        // its separators removed, or a link to the account.
        var query = account is { } number
            ? logins.Where(l => EF.Functions.Like(l.NormalizedEmail!, emailPrefix, BackOfficeDisplay.LikeEscape)
                || (phoneTail != null && l.PhoneNumber != null
                    && l.PhoneNumber.Replace(" ", "").Replace("-", "").Replace("(", "").Replace(")", "").EndsWith(phoneTail))
                || links.Any(a => a.LoginId == l.Id && a.AccountNumber == number))
            : logins.Where(l => EF.Functions.Like(l.NormalizedEmail!, emailPrefix, BackOfficeDisplay.LikeEscape)
                || (phoneTail != null && l.PhoneNumber != null
                    && l.PhoneNumber.Replace(" ", "").Replace("-", "").Replace("(", "").Replace(")", "").EndsWith(phoneTail)));

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await query.OrderBy(l => l.NormalizedEmail).ThenBy(l => l.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(l => new { l.Id, l.Email, l.PhoneNumber, l.EmailConfirmed, l.RegisteredAt })
            .ToListAsync(ct);
        var ids = page.Select(l => l.Id).ToList();
        var linksOfPage = await links.Where(a => ids.Contains(a.LoginId)).OrderBy(a => a.LinkedAt).ThenBy(a => a.Id)
            .Select(a => new LinkRow(a.LoginId, a.AccountNumber, a.IsHolder, a.LinkedAt))
            .ToListAsync(ct);
        Logins = [.. page.Select(l => new LoginRow(l.Id, l.Email ?? "", l.PhoneNumber, l.EmailConfirmed, l.RegisteredAt,
            [.. linksOfPage.Where(a => a.LoginId == l.Id)]))];

        if (account is { } accountNumber)
        {
            var accountLogins = await (
                    from link in links
                    where link.AccountNumber == accountNumber
                    join login in logins on link.LoginId equals login.Id
                    orderby link.LinkedAt, link.Id
                    select new AccountLoginRow(link.Id, login.Id, login.Email ?? "", link.AccountNumber, link.IsHolder, link.LinkedAt))
                .ToListAsync(ct);
            var history = await (
                    from change in db.Set<AccountLinkEvent>().AsNoTracking()
                    where change.AccountNumber == accountNumber
                    join login in logins on change.LoginId equals login.Id into found
                    from login in found.DefaultIfEmpty()
                    orderby change.At descending, change.Id
                    select new HistoryRow(change.At, change.Change, change.LoginId, login == null ? null : login.Email, change.Actor, change.Reason))
                .Take(HistoryLimit)
                .ToListAsync(ct);
            Account = new AccountView(accountNumber, accountLogins, history);
        }
    }

    private Task<AccountLoginRow?> LinkAsync(Guid linkId, CancellationToken ct) => (
            from link in db.Set<AccountLink>().AsNoTracking()
            where link.Id == linkId
            join login in db.Set<CustomerLogin>().AsNoTracking() on link.LoginId equals login.Id
            select new AccountLoginRow(link.Id, login.Id, login.Email ?? "", link.AccountNumber, link.IsHolder, link.LinkedAt))
        .SingleOrDefaultAsync(ct);

    private async Task<bool> MayUnlinkAsync() =>
        (await authorization.AuthorizeAsync(User, AuthorizationPolicies.Supervisor)).Succeeded;
}

internal sealed record LinkRow(Guid LoginId, AccountNumber AccountNumber, bool IsHolder, Instant LinkedAt);

internal sealed record LoginRow(Guid Id, string Email, string? Phone, bool EmailConfirmed, Instant RegisteredAt, IReadOnlyList<LinkRow> Links);

internal sealed record AccountLoginRow(Guid LinkId, Guid LoginId, string Email, AccountNumber AccountNumber, bool IsHolder, Instant LinkedAt);

internal sealed record HistoryRow(Instant At, AccountLinkChange Change, Guid LoginId, string? Email, string Actor, string? Reason);

internal sealed record AccountView(AccountNumber Number, IReadOnlyList<AccountLoginRow> Logins, IReadOnlyList<HistoryRow> History);
