using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Problems;

namespace Vidnova.Billing.Runs;

public static class BillingRunsApi
{
    public static RouteGroupBuilder MapBillingRunsApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/billing-runs").WithTags("Billing runs");
        runs.MapPost("/", StartAsync)
            .RequireAuthorization(AuthorizationPolicies.Administrator)
            .WithName("StartBillingRun")
            .WithSummary("Bill a period (yyyy-MM) for every account")
            .WithDescription("202 with the run's id and status; the instances bill it in the background. While the period has a queued or running run "
                + "that run is answered; after it ended a new run bills only the accounts still without a bill. Refused with period_not_ended before "
                + "the period's last day.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        runs.MapGet("/{id:guid}", GetAsync)
            .RequireAuthorization(AuthorizationPolicies.Staff)
            .WithName("GetBillingRun")
            .WithSummary("A billing run's status and figures, with progress while it runs")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static string StatusName(BillingRunStatus status) => status switch
    {
        BillingRunStatus.Queued => "queued",
        BillingRunStatus.Running => "running",
        BillingRunStatus.Completed => "completed",
        BillingRunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static async Task<Accepted<StartedRunResponse>> StartAsync(StartBillingRunCommand body, StartBillingRun start, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var run = await start.HandleAsync(body.Period, StaffIdentity.ActorOf(user), cancellationToken);
        return TypedResults.Accepted($"/api/v1/billing-runs/{run.Id}", new StartedRunResponse(run.Id, StatusName(run.Status)));
    }

    private static async Task<Ok<BillingRunResponse>> GetAsync(Guid id, BillingRunner runner, CancellationToken cancellationToken) =>
        await runner.FindAsync(id, cancellationToken) is { } run
            ? TypedResults.Ok(new BillingRunResponse(StatusName(run.Status), run.Accounts, run.Billed, run.Estimated, run.Skipped, run.Failed,
                run.StartedAt, run.FinishedAt))
            : throw new NotFoundException("billing_run_not_found", "Розрахункового запуску {0} немає.", id);
}

public sealed record StartBillingRunCommand([Text(7)] string? Period);

public sealed record StartedRunResponse(Guid Id, string Status);

public sealed record BillingRunResponse(string Status, int Accounts, int Billed, int Estimated, int Skipped, int Failed, Instant? StartedAt, Instant? FinishedAt);
