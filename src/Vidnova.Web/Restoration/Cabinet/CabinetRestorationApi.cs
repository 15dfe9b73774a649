using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Persistence;
using Vidnova.Restoration.BackOffice;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Restoration.Cabinet;

/// <summary>
/// Restoration from the personal account, for the mobile app (bearer token) and the cabinet (cookie): the login's
/// accounts and their applications only, with 404 for anything else.
/// </summary>
internal static class CabinetRestorationApi
{
    public static RouteGroupBuilder MapCabinetRestorationApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").RequireAuthorization(AuthorizationPolicies.Customer).WithTags("Personal account: restoration");
        me.MapPost("/accounts/{number}/restoration-applications", ApplyAsync)
            .WithName("ApplyForRestorationFromCabinet")
            .WithSummary("File a restoration application for an account linked to the login; the login's email gets the invoice at once")
            .WithDescription("201 with the application; 200 with the open application when the account already has one; 404 account_not_found for an account not linked to the login.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/restoration-applications", ListAsync)
            .WithName("ListCabinetRestorationApplications")
            .WithSummary("The applications of every account linked to the login, newest first");
        me.MapGet("/restoration-applications/{id:guid}", GetAsync)
            .WithName("GetCabinetRestorationApplication")
            .WithSummary("Status, invoice, DSO request with its deadline, and timeline")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/restoration-applications/{id:guid}/receipts", SubmitReceiptAsync)
            .WithName("SubmitCabinetReceipt")
            .WithSummary("Upload the payment receipt (multipart field 'file': PDF, JPEG, PNG or HEIC, at most 10 MB)")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ReceiptFormat.MaxBytes + 1024 * 1024))
            .Accepts<IFormFile>("multipart/form-data");
        me.MapGet("/restoration-applications/{id:guid}/receipts/{receiptId:guid}", GetReceiptFileAsync)
            .WithName("GetCabinetReceiptFile")
            .WithSummary("The receipt file as it was sent");
        me.MapPost("/restoration-applications/{id:guid}/cancellation", CancelAsync)
            .WithName("CancelCabinetRestorationApplication")
            .WithSummary("Withdraw an application that has not reached the DSO yet, also one still awaiting its email's confirmation that someone else filed");
        return api;
    }

    private static async Task<Results<Created<ApplicationResponse>, Ok<ApplicationResponse>>> ApplyAsync(
        string number, CabinetApplyCommand body, ClaimsPrincipal user, HttpContext context, RateLimits limits, ApplyFromCabinet useCase, IClock clock,
        TimelineText text, CancellationToken cancellationToken)
    {
        limits.ApplicationFrom(context);
        var (application, created) = await useCase.HandleAsync(CustomerPrincipal.RequiredLoginIdOf(user), number, body, cancellationToken);
        var response = ApplicationResponse.From(application, clock, text, TimelineAudience.Customer);
        return created
            ? TypedResults.Created($"/api/v1/me/restoration-applications/{application.Id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Ok<IReadOnlyList<CabinetApplicationItem>>> ListAsync(
        ClaimsPrincipal user, CabinetApplications applications, CancellationToken cancellationToken) =>
        TypedResults.Ok(await applications.ListAsync(CustomerPrincipal.RequiredLoginIdOf(user), cancellationToken));

    private static async Task<Ok<ApplicationResponse>> GetAsync(
        Guid id, ClaimsPrincipal user, CabinetApplications applications, IClock clock, TimelineText text, CancellationToken cancellationToken)
    {
        var application = await applications.FindAsync(CustomerPrincipal.RequiredLoginIdOf(user), id, cancellationToken);
        return TypedResults.Ok(ApplicationResponse.From(application, clock, text, TimelineAudience.Customer));
    }

    private static async Task<Created<ApplicationResponse>> SubmitReceiptAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, CabinetApplications applications, RateLimits limits, SubmitReceipt useCase, IClock clock,
        TimelineText text, CancellationToken cancellationToken)
    {
        // Access is checked before the body is read, so nobody makes us buffer uploads to applications not theirs.
        var loginId = CustomerPrincipal.RequiredLoginIdOf(user);
        var application = await applications.FindAsync(loginId, id, cancellationToken);
        await RestorationApi.ReceiveUploadAsync(request, application, Actors.CustomerLogin(loginId), limits, useCase, cancellationToken);
        return TypedResults.Created($"/api/v1/me/restoration-applications/{id}", ApplicationResponse.From(application, clock, text, TimelineAudience.Customer));
    }

    private static async Task<IResult> GetReceiptFileAsync(
        Guid id, Guid receiptId, HttpContext context, ClaimsPrincipal user, CabinetApplications applications, VidnovaDbContext db,
        CancellationToken cancellationToken)
    {
        var application = await applications.FindAsync(CustomerPrincipal.RequiredLoginIdOf(user), id, cancellationToken);
        if (application.Receipts.All(r => r.Id != receiptId)
            || await ReceiptFileEndpoint.FindAsync(receiptId, db, cancellationToken) is not var (fileName, contentType, content))
        {
            throw new Problems.NotFoundException("receipt_not_found", "Квитанцію не знайдено серед квитанцій цієї заяви.");
        }

        // The customer's own file, but still served as the hostile content it may be.
        var detected = ReceiptFormat.DetectContentType(content);
        var inline = detected is not null && detected == contentType;
        ReceiptFileEndpoint.SetHostileContentHeaders(context, inline, fileName);
        return Results.Bytes(content, inline ? detected! : "application/octet-stream");
    }

    private static async Task<Ok<ApplicationResponse>> CancelAsync(
        Guid id, CancellationRequest? body, ClaimsPrincipal user, CabinetApplications applications, VidnovaDbContext db, IClock clock, TimelineText text,
        CancellationToken cancellationToken)
    {
        var loginId = CustomerPrincipal.RequiredLoginIdOf(user);
        var application = await applications.FindAsync(loginId, id, cancellationToken);
        application.Cancel(Actors.CustomerLogin(loginId), body?.Reason ?? "", clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ApplicationResponse.From(application, clock, text, TimelineAudience.Customer));
    }
}
