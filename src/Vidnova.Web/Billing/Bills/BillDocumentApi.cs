using System.Security.Claims;
using Vidnova.Accounts;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Billing.Bills;

/// <summary>The bill as a PDF document: <c>…/bills/{period}.pdf</c> for the customer (<c>/me</c>) and for staff.</summary>
public static class BillDocumentApi
{
    private const string PdfSegment = "/bills/{period:regex(^[0-9]{{4}}-[0-9]{{2}}$)}.pdf";

    public static RouteGroupBuilder MapBillDocumentApi(this RouteGroupBuilder api)
    {
        api.MapGet("/accounts/{accountNumber}" + PdfSegment, StaffAsync).WithTags("Bills").RequireAuthorization(AuthorizationPolicies.Staff)
            .WithName("GetBillPdf").WithSummary("An account's bill of a period as a PDF, with the supplier's requisites and the NBU payment QR")
            .Produces(StatusCodes.Status200OK, contentType: BillDocument.ContentType).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/me/accounts/{accountNumber}" + PdfSegment, OwnAsync).WithTags("Bills").RequireAuthorization(AuthorizationPolicies.Customer)
            .WithName("GetOwnBillPdf").WithSummary("A bill of one of the customer's accounts as a PDF")
            .Produces(StatusCodes.Status200OK, contentType: BillDocument.ContentType).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> StaffAsync([Text(32)] string accountNumber, [Text(7)] string period, IPersonalAccounts accounts, IBills bills,
        BillDocument document, CancellationToken cancellationToken)
    {
        if (!AccountNumber.TryParse(accountNumber, out var account) || !await accounts.ExistsAsync(account.Value, cancellationToken))
        {
            throw new NotFoundException("account_not_found", "Особовий рахунок {0} не знайдено.", accountNumber);
        }

        return await PdfAsync(account.Value, period, accounts, bills, document, cancellationToken);
    }

    private static async Task<IResult> OwnAsync([Text(32)] string accountNumber, [Text(7)] string period, ICustomerAccounts customers, IPersonalAccounts accounts,
        IBills bills, BillDocument document, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await PdfAsync(await customers.RequireLinkedAsync(CustomerPrincipal.RequiredLoginIdOf(user), accountNumber, cancellationToken), period, accounts, bills,
            document, cancellationToken);

    /// <summary>The bill rendered for download, or the same 404 <c>bill_not_found</c> as the JSON bill.</summary>
    internal static async Task<IResult> PdfAsync(AccountNumber account, string periodText, IPersonalAccounts accounts, IBills bills, BillDocument document,
        CancellationToken cancellationToken)
    {
        var (content, fileName) = await RenderAsync(account, periodText, accounts, bills, document, cancellationToken);
        return Results.File(content, BillDocument.ContentType, fileName);
    }

    /// <summary>The bill's PDF and its file name, or 404 <c>bill_not_found</c>; the cabinet's page serves the same.</summary>
    internal static async Task<(byte[] Content, string FileName)> RenderAsync(AccountNumber account, string periodText, IPersonalAccounts accounts, IBills bills,
        BillDocument document, CancellationToken cancellationToken)
    {
        var bill = BillingPeriod.TryParse(periodText, out var period) ? await bills.FindAsync(account, period.Value, cancellationToken) : null;
        if (bill is null || await accounts.FindAsync(account, cancellationToken) is not { } summary)
        {
            throw new NotFoundException("bill_not_found", "Рахунку за {0} для особового рахунку {1} немає: період ще не виставлено.", periodText, account.Value);
        }

        return (document.Render(bill, summary), BillDocument.FileName(bill));
    }
}
