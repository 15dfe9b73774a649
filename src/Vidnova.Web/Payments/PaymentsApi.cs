using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Vidnova.Hosting;

namespace Vidnova.Payments;

internal static class PaymentsApi
{
    public static RouteGroupBuilder MapPaymentsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/payments", PostAsync)
            .WithTags("Payments")
            .RequireAuthorization(AuthorizationPolicies.Administrator)
            .WithName("PostPayment")
            .WithSummary("Book a payment to a personal account")
            .WithDescription("Idempotent on (channel, reference): a repeat returns 200 with the original payment and changes nothing.");
        return api;
    }

    private static async Task<Results<Created<PaymentResponse>, Ok<PaymentResponse>>> PostAsync(
        PostPaymentCommand body, PostPayment useCase, CancellationToken cancellationToken)
    {
        var result = await useCase.HandleAsync(body, cancellationToken);
        var response = new PaymentResponse(result.Payment.Id, result.Payment.AccountNumber.Value, result.Payment.Amount.Amount,
            result.Payment.PaidAt, result.Payment.Channel, result.Payment.Reference, result.DebtAfter.Amount);
        return result.Created ? TypedResults.Created($"/api/v1/payments/{result.Payment.Id}", response) : TypedResults.Ok(response);
    }
}

internal sealed record PaymentResponse(Guid Id, string AccountNumber, decimal Amount, Instant PaidAt, string Channel, string Reference, decimal DebtAfter);
