using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Vidnova.Hosting;
using Vidnova.Payments.Statements;
using Vidnova.Problems;

namespace Vidnova.Restoration.PaymentStatements;

/// <summary>
/// A DSO posts lines of its bank statement; a line quoting an application number for at least the invoice confirms
/// its payment. Restoration's rule, under the DSO exchange's path and key.
/// </summary>
internal static class PaymentStatementApi
{
    public static RouteGroupBuilder MapPaymentStatementApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/dso/payment-statements").WithTags("DSO exchange").RequireAuthorization(AuthorizationPolicies.Dso)
            .MapPost("/", ImportStatementAsync)
            .WithName("ImportDsoPaymentStatement")
            .WithSummary("Lines of the DSO's bank statement: a line quoting an application number for at least the invoice confirms its payment")
            .WithDescription("Idempotent per lineId: a line received before changes nothing and is listed under duplicates. "
                + "Every line is validated first; one bad line refuses the whole call (400, errors keyed lines[i].field). See docs/dso-protocol.md.");
        return api;
    }

    private static async Task<Ok<PaymentStatementResponse>> ImportStatementAsync(
        PaymentStatementRequest body, HttpContext http, ImportPaymentStatement useCase, CancellationToken cancellationToken)
    {
        var dso = ApiKeyAuthentication.DsoOf(http.User);
        var lines = body.Lines?.Select(l => l is null ? null : new StatementLineDraft(l.LineId, l.Amount?.ToString(CultureInfo.InvariantCulture),
            l.ValueDate, l.PayerName, l.PayerIban, l.Purpose)).ToList();
        var result = await useCase.HandleAsync(
            new ImportPaymentStatementCommand(dso, body.StatementId, lines, Actors.Dso(dso), PaymentStatementLine.ApiSource), cancellationToken);
        return TypedResults.Ok(new PaymentStatementResponse(
            [.. result.Matched.Select(l => new MatchedStatementLine(l.LineId, l.ApplicationNumber!))],
            [.. result.Unmatched.Select(l => l.LineId)],
            result.Duplicates));
    }
}

/// <summary>The lines are checked one by one (StatementLines), with errors keyed <c>lines[i].field</c>.</summary>
internal sealed record PaymentStatementRequest([Text(StatementLines.MaxStatementIdLength)] string? StatementId, IReadOnlyList<PaymentStatementLineRequest?>? Lines);

/// <summary>One credit on the DSO's account; <c>valueDate</c> is a date such as <c>2026-12-01</c>, <c>payerIban</c> may be omitted.</summary>
internal sealed record PaymentStatementLineRequest(string? LineId, decimal? Amount, string? ValueDate, string? PayerName, string? PayerIban, string? Purpose);

internal sealed record PaymentStatementResponse(IReadOnlyList<MatchedStatementLine> Matched, IReadOnlyList<string> Unmatched, IReadOnlyList<string> Duplicates);

internal sealed record MatchedStatementLine(string LineId, string ApplicationNumber);

