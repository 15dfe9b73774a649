using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Persistence;
using Vidnova.Restoration;
using Vidnova.Restoration.Receipts;
using Vidnova.Restoration.Receipts.Ocr;
using Vidnova.Tests.InboundMail;
using Vidnova.Tests.Infrastructure;
using Vidnova.Tests.UntrustedDocuments;
using Vidnova.UntrustedDocuments;

namespace Vidnova.Tests.Restoration.Receipts;

/// <summary>Debian's Tesseract reading photos and scans of the corpus receipts (run as a process, as in production).</summary>
public sealed class TesseractOcrTests
{
    private static readonly TesseractOcr Ocr = new(Options.Create(new OcrOptions { Enabled = true }),
        new HeicConverter(Options.Create(new HeicOptions()), Options.Create(new DocumentReaderOptions())), Options.Create(new DocumentReaderOptions()));

    [Theory]
    [InlineData("PrivatBank")]
    [InlineData("Oschadbank")]
    [InlineData("ABank")]
    public async Task APhotoOfAReceipt_YieldsItsIbanCodeAndDate(string layout)
    {
        var photo = ReceiptPdf.Photograph(BankReceipts.Render(Enum.Parse<BankLayout>(layout), ReceiptCorpus.Exact));

        var fields = ReceiptFields.Parse(await Ocr.ReadAsync("image/png", photo, CancellationToken.None));

        Assert.Equal(ReceiptCorpus.DsoIban, fields.PayeeIban?.Value);
        Assert.Equal(ReceiptCorpus.DsoEdrpou, fields.PayeeCode?.Value);
        Assert.Equal(new LocalDate(2026, 11, 25), fields.PaymentDate);
    }

    [Fact]
    public async Task AnIPhonePhotoInHeic_IsConvertedAndRead()
    {
        var heic = ReceiptPdf.Heic(ReceiptPdf.Photograph(BankReceipts.Render(BankLayout.Monobank, ReceiptCorpus.Exact)));
        Assert.Equal("image/heic", ReceiptFormat.DetectContentType(heic));

        var fields = ReceiptFields.Parse(await Ocr.ReadAsync("image/heic", heic, CancellationToken.None));

        Assert.Equal(ReceiptCorpus.DsoIban, fields.PayeeIban?.Value);
        Assert.Equal(new LocalDate(2026, 11, 25), fields.PaymentDate);
    }

    [Fact]
    public async Task AScannedPdf_IsRenderedAndRead()
    {
        var scan = ReceiptPdf.Scanned(ReceiptPdf.Photograph(BankReceipts.Render(BankLayout.Oschadbank, ReceiptCorpus.Exact), dpi: 200));
        Assert.True(ReceiptTextExtractor.Extract(scan)!.IsEmpty);

        var fields = ReceiptFields.Parse(await Ocr.ReadAsync("application/pdf", scan, CancellationToken.None));

        Assert.Equal(ReceiptCorpus.DsoIban, fields.PayeeIban?.Value);
        Assert.Equal(1234.56m, fields.Amount?.Amount);
    }
}

/// <summary>With OCR on, a photographed receipt is recognised in the background to help the operator — and never approved by it.</summary>
public abstract class ReceiptOcrTests(VidnovaApp app)
{
    private readonly Scenario _scenario = new(app);

    [Fact]
    public async Task APhotoReceipt_IsRecognisedForTheOperator_ButStillWaitsForTheirDecision()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("4300000001");
        var application = await _scenario.ConfirmedApplicationAsync("4300000001");
        var photo = ReceiptPdf.Photograph(Replies.BankReceipt(application.Number, layout: BankLayout.Oschadbank));

        var uploaded = await (await _scenario.UploadAsync(application, photo, "IMG_0042.png", "image/png")).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
        Assert.Equal("receipt_under_review", uploaded.Status);

        var recognised = await WaitForAsync(async () => (await _scenario.GetAsAdminAsync(application.Id)).Timeline.FirstOrDefault(t => t.Kind == "receipt_ocr"));
        Assert.Contains($"IBAN: {Scenario.DsoIban}", recognised.Description, StringComparison.Ordinal);
        Assert.Contains("✓ IBAN", recognised.Description, StringComparison.Ordinal);
        Assert.Equal("receipt_under_review", (await _scenario.GetAsync(application)).Status);
    }

    [Fact]
    public async Task AnIPhonePhoto_IsKeptAsHeic_ReadByOcr_AndShownToStaffAsJpeg()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("4300000003");
        var application = await _scenario.ConfirmedApplicationAsync("4300000003");
        var heic = ReceiptPdf.Heic(ReceiptPdf.Photograph(Replies.BankReceipt(application.Number, layout: BankLayout.Oschadbank)));

        var uploaded = await (await _scenario.UploadAsync(application, heic, "IMG_0043.HEIC", "image/heic")).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
        var receipt = Assert.Single(uploaded.Receipts);
        Assert.Equal("image/heic", receipt.ContentType);
        var recognised = await WaitForAsync(async () => (await _scenario.GetAsAdminAsync(application.Id)).Timeline.FirstOrDefault(t => t.Kind == "receipt_ocr"));
        Assert.Contains($"IBAN: {Scenario.DsoIban}", recognised.Description, StringComparison.Ordinal);

        var login = $"heic-{Guid.NewGuid():N}@operators.test";
        await app.AddStaffAsync(login);
        var staff = await app.SignInStaffAsync(login);
        var page = await staff.GetStringAsync($"/backoffice/applications/{application.Id}");
        Assert.Contains($"src=\"/backoffice/receipts/{receipt.Id}/jpeg\"", page, StringComparison.Ordinal);

        var original = await staff.GetAsync($"/backoffice/receipts/{receipt.Id}");
        Assert.Equal(heic, await original.Content.ReadAsByteArrayAsync());
        var shown = await staff.GetAsync($"/backoffice/receipts/{receipt.Id}/jpeg");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("image/jpeg", shown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("image/jpeg", ReceiptFormat.DetectContentType(await shown.Content.ReadAsByteArrayAsync()));
        Assert.Equal("nosniff", shown.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/backoffice/receipts/{Guid.NewGuid()}/jpeg")).StatusCode);
    }

    [Fact]
    public async Task ARecognitionThatKeepsFailing_GivesUpAfterThreeAttempts_AndChangesNothingElse()
    {
        await using var broken = new VidnovaApp(app.Provider)
        {
            Settings = new Dictionary<string, string?> { ["Receipts:Ocr:Enabled"] = "true", ["Receipts:Ocr:TesseractPath"] = "/bin/false" },
        };
        var scenario = new Scenario(broken);
        await scenario.RegisterDsoAsync();
        await scenario.PutAccountAsync("4300000002");
        var application = await scenario.ConfirmedApplicationAsync("4300000002");
        (await scenario.UploadAsync(application, Replies.Photo(), "photo.jpg", "image/jpeg")).EnsureSuccessStatusCode();

        var failed = await WaitForAsync(() => broken.InDatabaseAsync(db => db.Set<ReceiptRecognition>()
            .FirstOrDefaultAsync(r => r.ApplicationId == application.Id && r.Status == RecognitionStatus.Failed)));

        Assert.Equal(ReceiptRecognition.MaxAttempts, failed.Attempts);
        var state = await scenario.GetAsAdminAsync(application.Id);
        Assert.Equal("receipt_under_review", state.Status);
        Assert.DoesNotContain(state.Timeline, t => t.Kind == "receipt_ocr");
    }

    /// <summary>Tesseract runs under the reader's address-space limit: 900 MB of pixels in a 1 MB PNG fail it, not the machine.</summary>
    [Fact]
    public async Task APngDecompressionBomb_IsNotRecognised_AndWaitsForAnOperator()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("4300000004");
        var application = await _scenario.ConfirmedApplicationAsync("4300000004");
        (await _scenario.UploadAsync(application, HostileFiles.PngBombFile(), "IMG_0044.png", "image/png")).EnsureSuccessStatusCode();

        var failed = await WaitForAsync(() => app.InDatabaseAsync(db => db.Set<ReceiptRecognition>()
            .FirstOrDefaultAsync(r => r.ApplicationId == application.Id && r.Status == RecognitionStatus.Failed)));

        Assert.Equal(ReceiptRecognition.MaxAttempts, failed.Attempts);
        var state = await _scenario.GetAsAdminAsync(application.Id);
        Assert.Equal("receipt_under_review", state.Status);
        Assert.DoesNotContain(state.Timeline, t => t.Kind == "receipt_ocr");
    }

    private static Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class =>
        Eventually.ValueAsync(probe, TimeSpan.FromSeconds(60), () => "The receipt was not recognised in time.");
}

public sealed class OcrSqliteApp() : VidnovaApp(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Receipts:Ocr:Enabled", "true");
    }
}

public sealed class OcrPostgresApp() : VidnovaApp(DatabaseProvider.Postgres)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Receipts:Ocr:Enabled", "true");
    }
}

public sealed class ReceiptOcrOnSqlite(OcrSqliteApp app) : ReceiptOcrTests(app), IClassFixture<OcrSqliteApp>;

public sealed class ReceiptOcrOnPostgres(OcrPostgresApp app) : ReceiptOcrTests(app), IClassFixture<OcrPostgresApp>;
