using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vidnova.Hosting;
using Vidnova.Problems;

namespace Vidnova.Payments.Registries;

/// <summary>Payment partners as data, their keys, and the daily registry files they send (docs/payments.md).</summary>
internal static class RegistriesApi
{
    /// <summary>A hard ceiling on the upload request; the configured file size (<c>Payments:Registries:MaxBytes</c>) is checked below it.</summary>
    public const long MaxRequestBytes = 64 * 1024 * 1024;

    public static RouteGroupBuilder MapRegistriesApi(this RouteGroupBuilder api)
    {
        var partners = api.MapGroup("/payment-partners").WithTags("Payment partners").RequireAuthorization(AuthorizationPolicies.Administrator);
        partners.MapPut("/{code}", UpsertAsync)
            .WithName("UpsertPaymentPartner")
            .WithSummary("Create or update a payment partner (bank, terminals, Ukrposhta) and its registry format")
            .WithDescription("format: {\"type\":\"csv\",\"encoding\",\"delimiter\",\"decimalSeparator\",\"headerRows\",\"columns\":{\"reference\",\"accountNumber\","
                + "\"payerName\",\"amount\",\"paidOn\",\"purpose\"(,\"readings\")},\"dateFormat\",\"footer\":{\"marker\",\"countColumn\",\"amountColumn\"}|null,"
                + "\"registryNumberFrom\":\"fileName\"|\"column:<n>\"} or {\"type\":\"privatbank-fixed-width\"}. See docs/payments.md.");
        partners.MapPost("/{code}/api-keys", IssueKeyAsync)
            .WithName("IssuePaymentPartnerApiKey")
            .WithSummary("Issue a new API key for a payment partner (shown once, stored hashed)");

        api.MapPost("/payment-registries", ImportAsync)
            .WithTags("Payment partners")
            .RequireAuthorization(AuthorizationPolicies.PaymentPartner)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("ImportPaymentRegistry")
            .WithSummary("A partner's registry file (multipart field 'file') in the partner's format")
            .WithDescription("201 with rows, posted, duplicates, unmatched and amount; the same file again posts nothing (200, every row a duplicate). "
                + "Totals that do not add up refuse the whole file (422 registry_totals_mismatch).");
        return api;
    }

    private static async Task<Results<Created<PartnerResponse>, Ok<PartnerResponse>>> UpsertAsync(
        [Text(PaymentPartner.MaxCodeLength + 8)] string code, UpsertPartnerCommand body, RegisterPartner useCase, CancellationToken cancellationToken)
    {
        var (partner, created) = await useCase.HandleAsync(code, body, cancellationToken);
        var response = new PartnerResponse(partner.Code, partner.Name, partner.Format.ToInput());
        return created ? TypedResults.Created($"/api/v1/payment-partners/{partner.Code}", response) : TypedResults.Ok(response);
    }

    private static async Task<Created<PartnerKeyResponse>> IssueKeyAsync(
        [Text(PaymentPartner.MaxCodeLength + 8)] string code, IssuePartnerApiKey useCase, CancellationToken cancellationToken) =>
        TypedResults.Created((string?)null, new PartnerKeyResponse(await useCase.HandleAsync(code, cancellationToken)));

    private static async Task<Results<Created<RegistryResponse>, Ok<RegistryResponse>>> ImportAsync(
        HttpRequest request, ClaimsPrincipal user, ImportRegistry useCase, IOptions<RegistryLimits> limits, CancellationToken cancellationToken)
    {
        var partner = ApiKeyAuthentication.PaymentPartnerOf(user);
        var (fileName, content) = await RegistryUpload.ReadAsync(request, limits.Value, cancellationToken);
        var result = await useCase.HandleAsync(new ImportRegistryCommand(partner, fileName, content, PaymentPartner.ChannelOf(partner)), cancellationToken);
        var response = RegistryResponse.From(result);
        return result.Repeated ? TypedResults.Ok(response) : TypedResults.Created($"/backoffice/payment-registries/{result.Id}", response);
    }
}

/// <summary>Reads the uploaded file from a multipart form within the configured size; a malformed or oversized form is a 4xx, never a 500.</summary>
internal static class RegistryUpload
{
    public static async Task<(string FileName, byte[] Content)> ReadAsync(HttpRequest request, RegistryLimits limits, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            throw new InputValidationException([new FieldError("file", "Надішліть реєстр як multipart/form-data у полі file.")]);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limits);
        }
        catch (Exception broken) when (broken is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new BusinessRuleException("malformed_upload", "Тіло запиту — не коректна форма multipart/form-data з одним файлом у полі file.")
            { Category = RefusalCategory.MalformedRequest };
        }

        if (form.Files.GetFiles("file") is not [var file])
        {
            throw new InputValidationException([new FieldError("file", "Додайте один файл реєстру в поле file.")]);
        }

        return (file.FileName, await ContentAsync(file, limits, cancellationToken));
    }

    /// <summary>Never more than the limit is read into memory, whatever the part's declared length.</summary>
    public static async Task<byte[]> ContentAsync(IFormFile file, RegistryLimits limits, CancellationToken cancellationToken)
    {
        if (file.Length > limits.MaxBytes)
        {
            throw TooLarge(limits);
        }

        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limits.MaxBytes)
            {
                throw TooLarge(limits);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static BusinessRuleException TooLarge(RegistryLimits limits) =>
        RegistryReader.FileError("registry_too_large", "Файл реєстру більший за {0} КБ. Розділіть реєстр на кілька файлів.", limits.MaxBytes / 1024);
}

internal sealed record PartnerResponse(string Code, string Name, RegistryFormatInput Format);

internal sealed record PartnerKeyResponse(string ApiKey);

internal sealed record RegistryResponse(Guid Id, string RegistryNumber, int Rows, int Posted, int Duplicates, int Unmatched, decimal Amount)
{
    public static RegistryResponse From(RegistryImportResult result) =>
        new(result.Id, result.RegistryNumber, result.Rows, result.Posted, result.Duplicates, result.Unmatched, result.Amount.Amount);
}
