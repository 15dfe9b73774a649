using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Payments.Online;

internal static class OnlinePaymentsApi
{
    public static RouteGroupBuilder MapOnlinePaymentsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/me/accounts/{number}/checkout", CheckoutAsync)
            .WithTags("Online payments")
            .RequireAuthorization(AuthorizationPolicies.Customer)
            .WithName("StartCheckout")
            .WithSummary("Start paying an account online")
            .WithDescription("Only for an account linked to the login. LiqPay: POST `form` (or open `redirectUrl`); the outcome arrives by the provider's callback.");
        api.MapGet("/me/payments/{orderId}", GetAsync)
            .WithTags("Online payments")
            .RequireAuthorization(AuthorizationPolicies.Customer)
            .WithName("GetOnlinePayment")
            .WithSummary("An online payment's status, for the return page to poll");
        api.MapPost("/payments/liqpay/callback", LiqPayCallbackAsync)
            .WithTags("Online payments")
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("LiqPayCallback")
            .WithSummary("LiqPay's server callback (form fields data and signature)")
            .WithDescription("An application/x-www-form-urlencoded body with the fields `data` and `signature`, read by the endpoint itself so nothing is bound before the signature is verified: 400 with a problem code for a bad or missing signature, 200 for a valid one, also when it changes nothing.");
        api.MapPost("/payments/mono/webhook", MonoWebhookAsync)
            .WithTags("Online payments")
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("MonoWebhook")
            .WithSummary("Plata by mono's webhook (the invoice's status as JSON, signed in X-Sign)")
            .WithDescription("The raw JSON body is verified against the ECDSA signature in `X-Sign` with mono's public key before it is read: 400 with a problem code for a bad or missing signature, 200 for a valid one, also when it changes nothing.");
        return api;
    }

    private static async Task<Created<CheckoutResponse>> CheckoutAsync(string number, CheckoutCommand body, HttpContext context, StartCheckout useCase,
        CancellationToken cancellationToken)
    {
        var user = context.User;
        var started = await useCase.HandleAsync(CustomerPrincipal.RequiredLoginIdOf(user), user.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value,
            number, body, cancellationToken);
        var form = started.Checkout.Form is { } f ? new CheckoutFormResponse(f.Action, f.Data, f.Signature) : null;
        return TypedResults.Created($"/api/v1/me/payments/{started.Payment.OrderId}",
            new CheckoutResponse(started.Payment.OrderId, started.Checkout.RedirectUrl.AbsoluteUri, form));
    }

    private static async Task<Ok<OnlinePaymentResponse>> GetAsync(string orderId, HttpContext context, VidnovaDbContext db, CancellationToken cancellationToken)
    {
        var loginId = CustomerPrincipal.RequiredLoginIdOf(context.User);
        var payment = Guid.TryParse(orderId, out var id)
            ? await db.Set<OnlinePayment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.LoginId == loginId, cancellationToken)
            : null;
        if (payment is null)
        {
            throw new NotFoundException("payment_not_found", "Оплату {0} не знайдено серед ваших. Перевірте номер замовлення або почніть оплату з особистого кабінету ще раз.", orderId);
        }

        return TypedResults.Ok(new OnlinePaymentResponse(payment.OrderId, payment.AccountNumber.Value, payment.Amount.Amount, payment.Provider,
            StatusName(payment.Status), payment.CreatedAt, payment.PostedAt, payment.ReversedAt));
    }

    private static async Task<Ok<CallbackAnswer>> LiqPayCallbackAsync(HttpRequest request, IEnumerable<IOnlinePaymentProvider> providers,
        ApplyProviderReport apply, CancellationToken cancellationToken)
    {
        var provider = providers.Single(p => p.Name == LiqPay.LiqPayProvider.ProviderName);
        var fields = await FieldsOfAsync(request, cancellationToken);
        var check = await provider.ReadCallbackAsync(new ProviderCallback(fields, new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty), cancellationToken);
        if (check is CallbackCheck.Refused refused)
        {
            throw new BusinessRuleException(refused.Code, refused.MessageFormat) { Category = RefusalCategory.MalformedRequest };
        }

        var result = await apply.HandleAsync(provider.Name, ((CallbackCheck.Valid)check).Report, "callback", cancellationToken);
        return TypedResults.Ok(new CallbackAnswer(result == ReportResult.Recorded));
    }

    private static async Task<Ok<CallbackAnswer>> MonoWebhookAsync(HttpRequest request, IEnumerable<IOnlinePaymentProvider> providers,
        ApplyProviderReport apply, CancellationToken cancellationToken)
    {
        var provider = providers.Single(p => p.Name == Mono.MonoProvider.ProviderName);
        var body = await BodyOfAsync(request, cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (request.Headers.TryGetValue(Mono.MonoProtocol.SignatureHeader, out var sign))
        {
            headers[Mono.MonoProtocol.SignatureHeader] = sign.ToString();
        }

        CallbackCheck check;
        try
        {
            check = await provider.ReadCallbackAsync(new ProviderCallback(new Dictionary<string, string>(), headers, body), cancellationToken);
        }
        catch (Exception unreachable) when (unreachable is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            // The public key could not be fetched: not the webhook's fault. A 503 makes mono deliver it again later.
            throw new BusinessRuleException("provider_unreachable", "Платіжна система {0} зараз не відповідає. Спробуйте за кілька хвилин або оберіть іншу.",
                provider.Name)
            { Category = RefusalCategory.Unavailable };
        }

        if (check is CallbackCheck.Refused refused)
        {
            throw new BusinessRuleException(refused.Code, refused.MessageFormat) { Category = RefusalCategory.MalformedRequest };
        }

        var result = await apply.HandleAsync(provider.Name, ((CallbackCheck.Valid)check).Report, "callback", cancellationToken);
        return TypedResults.Ok(new CallbackAnswer(result == ReportResult.Recorded));
    }

    /// <summary>A webhook's raw body, the bytes its signature covers, up to <see cref="MaxWebhookBytes"/> (an invoice is a few hundred bytes).</summary>
    private static async Task<ReadOnlyMemory<byte>> BodyOfAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxWebhookBytes)
        {
            throw new BusinessRuleException("callback_too_large", "Вебхук завеликий.") { Category = RefusalCategory.TooLarge };
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxWebhookBytes)
            {
                throw new BusinessRuleException("callback_too_large", "Вебхук завеликий.") { Category = RefusalCategory.TooLarge };
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private const int MaxWebhookBytes = 64 * 1024;

    /// <summary>The form's fields; none when the body is not a form or not a readable one (then the signature is missing).</summary>
    private static async Task<IReadOnlyDictionary<string, string>> FieldsOfAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return new Dictionary<string, string>();
        }

        try
        {
            return (await request.ReadFormAsync(cancellationToken)).ToDictionary(f => f.Key, f => f.Value.ToString());
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // A body that is not the form it claims to be (a multipart without its closing boundary, say).
            return new Dictionary<string, string>();
        }
    }

    public static string StatusName(OnlinePaymentStatus status) => status switch
    {
        OnlinePaymentStatus.Pending => "pending",
        OnlinePaymentStatus.Posted => "posted",
        OnlinePaymentStatus.Failed => "failed",
        _ => "reversed",
    };
}

internal sealed record CheckoutResponse(string OrderId, string RedirectUrl, CheckoutFormResponse? Form);

internal sealed record CheckoutFormResponse(string Action, string Data, string Signature);

internal sealed record OnlinePaymentResponse(string OrderId, string AccountNumber, decimal Amount, string Provider, string Status,
    Instant CreatedAt, Instant? PostedAt, Instant? ReversedAt);

/// <summary>Whether the callback was new to us (a repeat, or an order not ours, is 200 with false).</summary>
internal sealed record CallbackAnswer(bool Recorded);
