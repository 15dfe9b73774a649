using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.RepaymentSchedules;

/// <summary>Repayment schedules for the customer (<c>/me</c>) and for staff; docs/repayment-schedules.md.</summary>
internal static class RepaymentSchedulesApi
{
    public static RouteGroupBuilder MapRepaymentSchedulesApi(this RouteGroupBuilder api)
    {
        var own = api.MapGroup("/me/accounts/{accountNumber}").WithTags("Repayment schedules").RequireAuthorization(AuthorizationPolicies.Customer);
        own.MapGet("/repayment-schedule/offer", OfferAsync).WithName("OfferRepaymentSchedule")
            .WithSummary("The account's debt split into monthly instalments (months: 2 to RepaymentSchedules:MaxMonths, default 6)")
            .WithDescription("400 months_out_of_range outside the offered months; 409 no_debt when nothing is owed.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
        own.MapPost("/repayment-schedules", RequestAsync).WithName("RequestRepaymentSchedule")
            .WithSummary("Conclude a repayment schedule: approved at once within the policy, otherwise pending_approval")
            .WithDescription("acceptTerms must be true (400 terms_not_accepted); it is recorded with the login and the time. "
                + "409 schedule_exists when the account already has a schedule active or waiting.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
        own.MapGet("/repayment-schedules/current", CurrentOwnAsync).WithName("GetOwnRepaymentSchedule")
            .WithSummary("The account's newest repayment schedule, with what each instalment has been paid")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var staff = api.MapGroup("/accounts/{accountNumber}/repayment-schedules").WithTags("Repayment schedules");
        staff.MapGet("/current", CurrentAsync).WithName("GetRepaymentSchedule").RequireAuthorization(AuthorizationPolicies.Staff)
            .WithSummary("An account's newest repayment schedule, with its decision").ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/{id:guid}/approve", ApproveAsync).WithName("ApproveRepaymentSchedule").RequireAuthorization(AuthorizationPolicies.Supervisor)
            .WithSummary("A supervisor approves a schedule waiting for approval").ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/{id:guid}/decline", DeclineAsync).WithName("DeclineRepaymentSchedule").RequireAuthorization(AuthorizationPolicies.Supervisor)
            .WithSummary("A supervisor declines a schedule waiting for approval, with a reason the customer reads")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<ScheduleOfferResponse>> OfferAsync([Text(32)] string accountNumber, int? months, ICustomerAccounts customers,
        RequestRepaymentSchedule useCase, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var account = await LinkedAsync(user, accountNumber, customers, cancellationToken);
        return TypedResults.Ok(ScheduleOfferResponse.From(await useCase.OfferAsync(account, months, cancellationToken)));
    }

    private static async Task<Created<ScheduleResponse>> RequestAsync([Text(32)] string accountNumber, RequestScheduleCommand body,
        ICustomerAccounts customers, RequestRepaymentSchedule useCase, ScheduleCompliance compliance, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var account = await LinkedAsync(user, accountNumber, customers, cancellationToken);
        var schedule = await useCase.RequestAsync(account, CustomerPrincipal.RequiredLoginIdOf(user), body.Months, body.AcceptTerms, cancellationToken);
        var judged = await compliance.ByIdAsync(schedule.Id, cancellationToken)
            ?? throw new InvalidOperationException($"The schedule {schedule.Id} just saved is gone.");
        return TypedResults.Created($"/api/v1/me/accounts/{account}/repayment-schedules/current", ScheduleResponse.From(judged, forStaff: false));
    }

    private static async Task<Ok<ScheduleResponse>> CurrentOwnAsync([Text(32)] string accountNumber, ICustomerAccounts customers,
        ScheduleCompliance compliance, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var account = await LinkedAsync(user, accountNumber, customers, cancellationToken);
        return TypedResults.Ok(ScheduleResponse.From(await compliance.CurrentAsync(account, cancellationToken) ?? throw DecideRepaymentSchedule.NotFound(account),
            forStaff: false));
    }

    private static async Task<Ok<ScheduleResponse>> CurrentAsync([Text(32)] string accountNumber, IPersonalAccounts accounts,
        ScheduleCompliance compliance, CancellationToken cancellationToken)
    {
        var account = await ExistingAsync(accountNumber, accounts, cancellationToken);
        return TypedResults.Ok(ScheduleResponse.From(await compliance.CurrentAsync(account, cancellationToken) ?? throw DecideRepaymentSchedule.NotFound(account),
            forStaff: true));
    }

    private static async Task<Ok<ScheduleResponse>> ApproveAsync([Text(32)] string accountNumber, Guid id, IPersonalAccounts accounts,
        DecideRepaymentSchedule useCase, ScheduleCompliance compliance, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var account = await ExistingAsync(accountNumber, accounts, cancellationToken);
        await useCase.ApproveAsync(account, id, SupervisorOf(user), cancellationToken);
        return TypedResults.Ok(ScheduleResponse.From((await compliance.ByIdAsync(id, cancellationToken))!, forStaff: true));
    }

    private static async Task<Ok<ScheduleResponse>> DeclineAsync([Text(32)] string accountNumber, Guid id, DeclineScheduleCommand body,
        IPersonalAccounts accounts, DecideRepaymentSchedule useCase, ScheduleCompliance compliance, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var account = await ExistingAsync(accountNumber, accounts, cancellationToken);
        await useCase.DeclineAsync(account, id, SupervisorOf(user), body.Reason, cancellationToken);
        return TypedResults.Ok(ScheduleResponse.From((await compliance.ByIdAsync(id, cancellationToken))!, forStaff: true));
    }

    /// <summary>How a decision is attributed: <c>staff:olena@…</c>, or <c>staff:api-key</c> for the admin key.</summary>
    internal static string SupervisorOf(ClaimsPrincipal user) => $"staff:{user.Identity?.Name ?? "unknown"}";

    private static Task<AccountNumber> LinkedAsync(ClaimsPrincipal user, string accountNumber, ICustomerAccounts customers, CancellationToken cancellationToken) =>
        customers.RequireLinkedAsync(CustomerPrincipal.RequiredLoginIdOf(user), accountNumber, cancellationToken);

    private static async Task<AccountNumber> ExistingAsync(string accountNumber, IPersonalAccounts accounts, CancellationToken cancellationToken)
    {
        if (!AccountNumber.TryParse(accountNumber, out var account))
        {
            var errors = new InputErrors();
            errors.Add("accountNumber", "Номер особового рахунку — від 6 до 16 цифр.");
            errors.ThrowIfAny();
        }

        return await accounts.ExistsAsync(account!.Value, cancellationToken)
            ? account.Value
            : throw new NotFoundException("account_not_found", "Особовий рахунок {0} не знайдено.", account.Value.Value);
    }
}

internal sealed record RequestScheduleCommand(int? Months, bool? AcceptTerms);

internal sealed record DeclineScheduleCommand([property: Text(1000, MultiLine = true)] string? Reason);

internal sealed record OfferedInstalmentResponse(int Number, LocalDate DueOn, decimal Amount);

internal sealed record ScheduleOfferResponse(string AccountNumber, decimal Debt, int Months, int MaxMonths, IReadOnlyList<OfferedInstalmentResponse> Instalments)
{
    public static ScheduleOfferResponse From(ScheduleOffer offer) => new(offer.AccountNumber.Value, offer.Debt.Amount, offer.Months, offer.MaxMonths,
        [.. offer.Instalments.Select(i => new OfferedInstalmentResponse(i.Number, i.DueOn, i.Amount.Amount))]);
}

internal sealed record InstalmentResponse(int Number, LocalDate DueOn, decimal Amount, decimal Paid);

/// <param name="DecidedBy">Staff only: <c>policy</c> or the supervisor who decided.</param>
/// <param name="RequestedBy">Staff only: the customer login that concluded it.</param>
internal sealed record ScheduleResponse(
    Guid Id,
    string AccountNumber,
    string Status,
    decimal Debt,
    int Months,
    decimal Paid,
    decimal Remaining,
    decimal CurrentBillsDue,
    InstalmentResponse? NextInstalment,
    IReadOnlyList<InstalmentResponse> Instalments,
    Instant RequestedAt,
    Instant TermsAcceptedAt,
    IReadOnlyList<string> ReferredFor,
    Instant? DecidedAt,
    string? DecidedBy,
    string? DeclineReason,
    Instant? CompletedAt,
    Instant? BrokenAt,
    int? BrokenInstalment,
    Guid? RequestedBy)
{
    public static ScheduleResponse From(JudgedSchedule judged, bool forStaff)
    {
        var (schedule, standing) = judged;
        var instalments = standing.Instalments.Select(i => new InstalmentResponse(i.Number, i.DueOn, i.Amount.Amount, i.Paid.Amount)).ToList();
        var next = schedule.IsOpen && standing.Next is { } n ? instalments.Single(i => i.Number == n.Number) : null;
        return new ScheduleResponse(schedule.Id, schedule.AccountNumber.Value, RepaymentScheduleNames.Of(schedule.Status), schedule.Debt.Amount,
            instalments.Count, standing.Paid.Amount, standing.Remaining.Amount, standing.CurrentBillsDue.Amount, next, instalments,
            schedule.RequestedAt, schedule.TermsAcceptedAt, [.. schedule.Referrals.Select(ReferralCode)], schedule.DecidedAt,
            forStaff ? schedule.DecidedBy : null, schedule.DeclineReason, schedule.CompletedAt, schedule.BrokenAt, schedule.BrokenInstalment,
            forStaff ? schedule.RequestedBy : null);
    }

    private static string ReferralCode(ApprovalReason reason) => reason switch
    {
        ApprovalReason.DebtAboveMaximum => "debt_above_maximum",
        ApprovalReason.BrokenRecently => "broken_recently",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
