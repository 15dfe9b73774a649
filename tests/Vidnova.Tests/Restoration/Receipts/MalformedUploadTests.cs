using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Restoration.Receipts;

/// <summary>
/// A body that is not a readable multipart form is the caller's mistake: 400 with a problem detail (as the page
/// answers), never a 500, and the application keeps waiting for a receipt.
/// </summary>
public abstract class MalformedUploadTests(VidnovaApp app) : IAsyncLifetime
{
    private const string Boundary = "vidnova-boundary";
    private static readonly string Pdf = Encoding.Latin1.GetString(Scenario.PdfReceipt);
    private readonly Scenario _scenario = new(app);

    private static readonly string[] VariantNames =
    [
        "missing_boundary", "body_not_multipart", "truncated", "no_content_disposition", "many_part_headers",
        "text_plain", "empty_body", "two_file_parts", "header_line_too_long",
    ];

    private static readonly string[] RefusalCodes = ["malformed_upload", "invalid_input"];

    public static TheoryData<string> Variants => new(VariantNames);

    public async Task InitializeAsync() => await _scenario.RegisterDsoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task SubmitReceipt_WithAMalformedBody_IsA400ProblemAndChangesNothing(string variant)
    {
        var account = $"60000000{Array.IndexOf(VariantNames, variant):00}";
        await _scenario.PutAccountAsync(account);
        var application = await _scenario.ConfirmedApplicationAsync(account);
        var (contentType, body) = Body(variant);
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await app.Customer(application.AccessToken!).PostAsync($"/api/v1/restoration-applications/{application.Id}/receipts", content);

        // A body that does not even claim to be a form is refused by routing as 415 (RFC 9110, 15.5.16).
        var expected = variant == "text_plain" ? HttpStatusCode.UnsupportedMediaType : HttpStatusCode.BadRequest;
        var problem = await response.ReadAsync<Problem>(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Contains(problem.Code, RefusalCodes);
            Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        }

        var after = await _scenario.GetAsync(application);
        Assert.Equal("awaiting_payment", after.Status);
        Assert.Empty(after.Receipts);
    }

    [Fact]
    public async Task SubmitReceipt_WithABodyOverTheRequestLimit_IsA413ReceiptTooLarge()
    {
        await _scenario.PutAccountAsync("6000000098");
        var application = await _scenario.ConfirmedApplicationAsync("6000000098");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(new byte[12 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "квитанція.pdf");

        var response = await app.Customer(application.AccessToken!).PostAsync($"/api/v1/restoration-applications/{application.Id}/receipts", form);

        Assert.Equal("receipt_too_large", (await response.ReadAsync<Problem>(HttpStatusCode.RequestEntityTooLarge)).Code);
        Assert.Empty((await _scenario.GetAsync(application)).Receipts);
    }

    [Fact]
    public async Task SubmitReceipt_WithNulAndControlCharactersInTheFileName_IsStoredWithoutThem()
    {
        await _scenario.PutAccountAsync("6000000099");
        var application = await _scenario.ConfirmedApplicationAsync("6000000099");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Scenario.PdfReceipt);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "квитанція\u0000\u0007.pdf");

        var response = await app.Customer(application.AccessToken!).PostAsync($"/api/v1/restoration-applications/{application.Id}/receipts", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = Assert.Single((await _scenario.GetAsync(application)).Receipts);
        Assert.DoesNotContain(receipt.FileName, char.IsControl);
    }

    private static (string ContentType, string Body) Body(string variant)
    {
        var part = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.pdf\"\r\nContent-Type: application/pdf\r\n\r\n{Pdf}\r\n";
        var end = $"--{Boundary}--\r\n";
        var multipart = $"multipart/form-data; boundary={Boundary}";
        return variant switch
        {
            "missing_boundary" => ("multipart/form-data", part + end),
            "body_not_multipart" => (multipart, "this is not a multipart body at all"),
            "truncated" => (multipart, part[..(part.Length / 2)]),
            "no_content_disposition" => (multipart, $"--{Boundary}\r\nContent-Type: application/pdf\r\n\r\n{Pdf}\r\n{end}"),
            "many_part_headers" => (multipart,
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.pdf\"\r\n"
                + string.Concat(Enumerable.Range(0, 40).Select(i => $"X-Header-{i}: {new string('a', 100)}\r\n"))
                + $"\r\n{Pdf}\r\n{end}"),
            "text_plain" => ("text/plain", part + end),
            "empty_body" => (multipart, ""),
            "two_file_parts" => (multipart, part + part + end),
            "header_line_too_long" => (multipart,
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{new string('a', 20_000)}.pdf\"\r\n\r\n{Pdf}\r\n{end}"),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
    }
}

public sealed class MalformedUploadOnSqlite(SqliteApp app) : MalformedUploadTests(app), IClassFixture<SqliteApp>;

public sealed class MalformedUploadOnPostgres(PostgresApp app) : MalformedUploadTests(app), IClassFixture<PostgresApp>;
