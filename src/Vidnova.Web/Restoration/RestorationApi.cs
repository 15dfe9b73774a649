using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Restoration.Apply;
using Vidnova.Restoration.EmailConfirmation;
using Vidnova.Restoration.PaymentStatements;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Restoration;

internal static class RestorationApi
{
    public static RouteGroupBuilder MapRestorationApi(this RouteGroupBuilder api)
    {
        var applications = api.MapGroup("/restoration-applications").WithTags("Restoration applications");
        applications.MapPost("/", ApplyAsync)
            .WithName("ApplyForRestoration")
            .WithSummary("File a restoration application for an account disconnected for debt")
            .WithDescription("201 with the new application and its access token; 200 with the open application (and no token) when the account already has one.");
        applications.MapPost("/{id:guid}/email-confirmation", ConfirmEmailAsync)
            .WithName("ConfirmEmail")
            .WithSummary("Confirm the email with the 6-digit code; issues the restoration invoice");
        applications.MapPost("/{id:guid}/email-confirmation/resend", ResendConfirmationCodeAsync)
            .WithName("ResendConfirmationCode")
            .WithSummary("Email a new confirmation code (the old one stops working and the attempts start again)")
            .WithDescription("202 once queued; 409 email_already_confirmed; 429 rate_limited with Retry-After when too many codes were sent this hour.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        applications.MapGet("/{id:guid}", GetAsync)
            .WithName("GetRestorationApplication")
            .WithSummary("Status, invoice, DSO request with its deadline, and timeline");
        applications.MapPost("/{id:guid}/receipts", SubmitReceiptAsync)
            .WithName("SubmitReceipt")
            .WithSummary("Upload the payment receipt (multipart field 'file': PDF, JPEG, PNG or HEIC, at most 10 MB)")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ReceiptFormat.MaxBytes + 1024 * 1024))
            .Accepts<IFormFile>("multipart/form-data");
        applications.MapPost("/{id:guid}/receipt-decision", DecideReceiptAsync)
            .RequireAuthorization(AuthorizationPolicies.Operator)
            .WithName("DecideReceipt")
            .WithSummary("Approve the receipt under review (sends the request to the DSO) or reject it with a reason");
        applications.MapPost("/{id:guid}/cancellation", CancelAsync)
            .WithName("CancelRestorationApplication")
            .WithSummary("Withdraw an application that has not reached the DSO yet");
        api.MapPaymentStatementApi();
        return api;
    }

    private static async Task<Results<Created<ApplyResponse>, Ok<ApplyResponse>>> ApplyAsync(
        ApplyCommand body, HttpContext context, RateLimits limits, ApplyForRestoration useCase, CancellationToken cancellationToken)
    {
        limits.ApplicationFrom(context);
        var result = await useCase.HandleAsync(body, cancellationToken);
        var response = new ApplyResponse(result.Application.Id, result.Application.Number, result.Application.Status.ToApiName(), result.AccessToken);
        return result.Created
            ? TypedResults.Created($"/api/v1/restoration-applications/{result.Application.Id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Ok<ApplicationResponse>> ConfirmEmailAsync(
        Guid id, EmailConfirmationRequest body, HttpRequest request, ConfirmEmail useCase, IClock clock, TimelineText text, CancellationToken cancellationToken)
    {
        var application = await useCase.HandleAsync(id, BearerTokens.Of(request), body.Code, cancellationToken);
        return TypedResults.Ok(ApplicationResponse.From(application, clock, text, TimelineAudience.Customer));
    }

    private static async Task<Accepted> ResendConfirmationCodeAsync(
        Guid id, HttpRequest request, ResendConfirmationCode useCase, CancellationToken cancellationToken)
    {
        await useCase.HandleAsync(id, BearerTokens.Of(request), cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Ok<ApplicationResponse>> GetAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, VidnovaDbContext db, IClock clock, TimelineText text, CancellationToken cancellationToken)
    {
        var staff = StaffIdentity.IsStaff(user);
        var application = staff
            ? await ApplicationAccess.ReadAsync(db, id, cancellationToken)
            : await ApplicationAccess.ReadForCustomerAsync(db, id, BearerTokens.Of(request), cancellationToken);
        return TypedResults.Ok(ApplicationResponse.From(application, clock, text, staff ? TimelineAudience.Staff : TimelineAudience.Customer));
    }

    private static async Task<Created<ApplicationResponse>> SubmitReceiptAsync(
        Guid id, HttpRequest request, VidnovaDbContext db, RateLimits limits, SubmitReceipt useCase, IClock clock, TimelineText text,
        CancellationToken cancellationToken)
    {
        // The token is checked before the body is read, so strangers cannot make us buffer their uploads.
        var application = await ApplicationAccess.LoadForCustomerAsync(db, id, BearerTokens.Of(request), cancellationToken);
        await ReceiveUploadAsync(request, application, Actors.Customer, limits, useCase, cancellationToken);
        return TypedResults.Created($"/api/v1/restoration-applications/{id}", ApplicationResponse.From(application, clock, text, TimelineAudience.Customer));
    }

    /// <summary>
    /// The multipart upload of one receipt, under the per-application and per-address limits, to an application
    /// whose access the caller checked before the body is read.
    /// </summary>
    internal static async Task ReceiveUploadAsync(HttpRequest request, RestorationApplication application, Actor actor, RateLimits limits,
        SubmitReceipt useCase, CancellationToken cancellationToken)
    {
        limits.ReceiptFor(request.HttpContext, application.Id);
        if (!request.HasFormContentType)
        {
            throw new InputValidationException([new FieldError("file", "Надішліть квитанцію як multipart/form-data у полі file.")]);
        }

        var form = await ReadUploadAsync(request, cancellationToken);
        if (form.Files.GetFiles("file").Count > 1)
        {
            throw MalformedUpload();
        }

        var file = form.Files.GetFile("file")
            ?? throw new InputValidationException([new FieldError("file", "Додайте файл квитанції в поле file (PDF, JPEG, PNG або HEIC, до 10 МБ).")]);
        await using var content = file.OpenReadStream();
        await useCase.HandleAsync(application, file.FileName, content, actor, cancellationToken);
    }

    /// <summary>
    /// The form reader throws for a body that is not the multipart it claims to be (no boundary, no closing boundary,
    /// a part without Content-Disposition, headers over its limits): that is the caller's mistake, so a 400.
    /// </summary>
    private static async Task<IFormCollection> ReadUploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's body limit is an IOException too, but the form was not malformed: it was too big (RFC 9110, 15.5.14).
            throw ReceiptTooLarge();
        }
        catch (Exception broken) when (broken is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw MalformedUpload();
        }
    }

    private static BusinessRuleException ReceiptTooLarge() => new("receipt_too_large",
        "Файл більший за 10 МБ. Надішліть PDF з банківського застосунку або зменшене фото квитанції.")
    { Category = RefusalCategory.TooLarge };

    private static BusinessRuleException MalformedUpload() => new("malformed_upload",
        "Тіло запиту — не коректна форма multipart/form-data з одним файлом у полі file. Надішліть квитанцію (PDF, JPEG, PNG або HEIC, до 10 МБ) ще раз.")
    { Category = RefusalCategory.MalformedRequest };

    private static async Task<Ok<ApplicationResponse>> DecideReceiptAsync(
        Guid id, ReceiptDecisionRequest body, ClaimsPrincipal user, DecideReceipt useCase, IClock clock, TimelineText text, CancellationToken cancellationToken)
    {
        if (body.Approve is not { } approve)
        {
            throw new InputValidationException([new FieldError("approve", "Вкажіть рішення: approve true (підтвердити) або false (відхилити з причиною).")]);
        }

        var application = await useCase.HandleAsync(id, approve, body.Reason, StaffIdentity.ActorOf(user), cancellationToken);
        return TypedResults.Ok(ApplicationResponse.From(application, clock, text, TimelineAudience.Staff));
    }

    private static async Task<Ok<ApplicationResponse>> CancelAsync(
        Guid id, CancellationRequest? body, HttpRequest request, ClaimsPrincipal user, VidnovaDbContext db, IClock clock, TimelineText text,
        CancellationToken cancellationToken)
    {
        var staff = StaffIdentity.IsStaff(user);
        var application = staff
            ? await ApplicationAccess.LoadAsync(db, id, cancellationToken)
            : await ApplicationAccess.LoadForCustomerAsync(db, id, BearerTokens.Of(request), cancellationToken);
        application.Cancel(staff ? StaffIdentity.ActorOf(user) : Actors.Customer, body?.Reason ?? "", clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ApplicationResponse.From(application, clock, text, staff ? TimelineAudience.Staff : TimelineAudience.Customer));
    }
}

internal sealed record ApplyResponse(Guid Id, string Number, string Status, string? AccessToken);

internal sealed record EmailConfirmationRequest([Text(32)] string? Code);

/// <summary>The reason reaches the customer's email and the receipt's column (1000 characters); it may span lines.</summary>
internal sealed record ReceiptDecisionRequest(bool? Approve, [Text(1000, MultiLine = true)] string? Reason);

/// <summary>The reason goes into the timeline entry "Заяву скасовано: …" (2000 characters); it may span lines.</summary>
internal sealed record CancellationRequest([Text(1000, MultiLine = true)] string? Reason);

internal sealed record ApplicationResponse(
    Guid Id,
    string Number,
    string Status,
    string AccountNumber,
    Instant SubmittedAt,
    InvoiceResponse? Invoice,
    DsoRequestResponse? DsoRequest,
    CompensationResponse? Compensation,
    IReadOnlyList<ReceiptResponse> Receipts,
    IReadOnlyList<TimelineResponse> Timeline)
{
    /// <param name="audience">Whose timeline: the customer's leaves out internal checks and codes (see <see cref="TimelineText"/>).</param>
    public static ApplicationResponse From(RestorationApplication application, IClock clock, TimelineText text, TimelineAudience audience)
    {
        var invoice = application.Invoice is { } i
            ? new InvoiceResponse(i.Amount.Amount, i.RecipientName, i.RecipientCode.Value, i.Iban.Value, i.Purpose, i.IssuedAt)
            : null;
        var request = application.DsoRequest is { } r
            ? new DsoRequestResponse(r.Id, r.Status.ToApiName(), r.CreatedAt, r.ReceivedAt, r.Deadline,
                application.IsOverdue(Calendar.KyivTime.DateOf(clock.GetCurrentInstant())), r.CompletedAt, r.RejectionReason)
            : null;
        return new ApplicationResponse(application.Id, application.Number, application.Status.ToApiName(), application.AccountNumber.Value,
            application.SubmittedAt, invoice, request,
            application.Compensation is { } c ? new CompensationResponse(c.Amount.Amount, c.MissedDeadline, c.RecordedAt, c.CreditBy) : null,
            application.Receipts.Select(x => new ReceiptResponse(x.Id, x.FileName, x.ContentType, x.SizeBytes, x.ReceivedAt,
                x.Decision.ToString().ToLowerInvariant(), x.RejectionReason)).ToList(),
            text.For(application.Timeline, audience).Select(t => new TimelineResponse(t.Entry.At, t.Entry.Actor, t.Entry.Kind, t.Description)).ToList());
    }
}

internal sealed record InvoiceResponse(decimal Amount, string RecipientName, string RecipientCode, string Iban, string Purpose, Instant IssuedAt);

internal sealed record DsoRequestResponse(Guid Id, string Status, Instant CreatedAt, Instant? ReceivedAt, LocalDate? Deadline, bool Overdue,
    Instant? CompletedAt, string? RejectionReason);

/// <summary>What the DSO owes for the missed deadline; it credits it by <c>creditBy</c> (45 days, NEURC No. 375).</summary>
internal sealed record CompensationResponse(decimal Amount, LocalDate MissedDeadline, Instant RecordedAt, LocalDate CreditBy);

internal sealed record ReceiptResponse(Guid Id, string FileName, string ContentType, long SizeBytes, Instant ReceivedAt, string Decision, string? RejectionReason);

/// <summary>One line of the history; <c>description</c> is in the request's language, written for the caller (customer or staff).</summary>
internal sealed record TimelineResponse(Instant At, string Actor, string Kind, string Description);
