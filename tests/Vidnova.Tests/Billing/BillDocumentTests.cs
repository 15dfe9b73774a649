using System.Net;
using NodaTime;
using UglyToad.PdfPig;
using Vidnova.Billing.Bills;
using Vidnova.Kernel;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Billing;

/// <summary>The bill as a PDF: read back as text, for the customer and for staff, with the supplier's requisites and the NBU payment QR's purpose.</summary>
public abstract class BillDocumentTests(VidnovaApp app)
{
    private readonly Scenario _scenario = new(app);
    private readonly CabinetCustomers _customers = new(app);

    private async Task BillAsync(string number, bool estimated)
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(number);
        var lines = new List<BillLine>
        {
            new(BillLineKind.Energy, MeterZone.Day, Kwh.Of(180), PricePerKwh.Uah(4.32m), Money.Uah(777.60m)),
            new(BillLineKind.Energy, MeterZone.Night, Kwh.Of(70), PricePerKwh.Uah(2.16m), Money.Uah(151.20m)),
        };
        var bill = Bill.Issue(Guid.NewGuid(), AccountNumber.Parse(number), BillingPeriod.Of(2026, 11), lines,
            estimated ? new BillEstimate(EstimateMethod.AverageDaily, 8.333m) : null, estimated ? null : new LocalDate(2026, 11, 30),
            Money.Uah(1234.56m), Money.Uah(200m), new LocalDate(2026, 12, 20), Instant.FromUtc(2026, 12, 4, 8, 0));
        await app.InDatabaseAsync(db =>
        {
            db.Add(bill);
            // The lines' ordinal key, as the billing run's writer numbers them.
            var number = 0;
            foreach (var line in db.ChangeTracker.Entries().Where(e => e.Metadata.ClrType == typeof(BillLine)))
            {
                line.Property("Number").CurrentValue = ++number;
            }

            return db.SaveChangesAsync();
        });
    }

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "", StringComparison.Ordinal)
            .Replace("\u00a0", "", StringComparison.Ordinal);
    }

    private static void AssertHas(string text, string expected) =>
        Assert.Contains(expected.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal), text, StringComparison.Ordinal);

    [Fact]
    public async Task TheCustomersBill_IsAUkrainianPdf_WithTheSuppliersRequisites_TheLines_AndWhatToPayByWhen()
    {
        await BillAsync("6500000001", estimated: false);
        var (customer, _) = await _customers.SignedInWithAsync("bill-pdf@example.com", "6500000001");

        var response = await customer.GetAsync("/api/v1/me/accounts/6500000001/bills/2026-11.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "screenshots", $"bill-{GetType().Name}.pdf"), pdf);
        var text = TextOf(pdf);
        AssertHas(text, "Рахунок за електроенергію за листопад 2026");
        AssertHas(text, "ТОВ «Віднова Енергозбут» (демо)");
        AssertHas(text, "ЄДРПОУ 42500122 · IBAN UA323005280000026003000012345");
        AssertHas(text, "Особовий рахунок 6500000001");
        AssertHas(text, "Борг на початок періоду1 434,56 грн");
        AssertHas(text, "Оплачено в періоді200,00 грн");
        AssertHas(text, "Електроенергія, день180 кВт·год × 4,32 грн777,60 грн");
        AssertHas(text, "Електроенергія, ніч70 кВт·год × 2,16 грн151,20 грн");
        AssertHas(text, "До сплати2 163,36 грн");
        AssertHas(text, "Сплатіть до 20.12.2026.");
        AssertHas(text, "За фактичними показаннями лічильника до 30.11.2026.");
        AssertHas(text, "Призначення: Оплата за електроенергію, о/р 6500000001, листопад 2026");
    }

    [Fact]
    public async Task AnEstimatedBill_SaysSoAndHow_AndStaffGetTheSamePdf_WhileAStrangerAndAnUnbilledMonthAreNotFound()
    {
        await BillAsync("6500000002", estimated: true);
        var stranger = await new CustomerLogins(app).SignedInAsync("bill-stranger@example.com");

        var staff = await app.Admin().GetAsync("/api/v1/accounts/6500000002/bills/2026-11.pdf");
        var foreign = await stranger.GetAsync("/api/v1/me/accounts/6500000002/bills/2026-11.pdf");
        var unbilled = await app.Admin().GetAsync("/api/v1/accounts/6500000002/bills/2026-10.pdf");

        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        var text = TextOf(await staff.Content.ReadAsByteArrayAsync());
        AssertHas(text, "Обсяг розраховано орієнтовно: показань за період не надійшло.");
        AssertHas(text, "за середньодобовим споживанням між двома останніми показаннями — 8,333 кВт·год на добу");
        Assert.Equal("account_not_found", (await foreign.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        Assert.Equal("bill_not_found", (await unbilled.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
    }
}

public sealed class BillDocumentOnSqlite(SqliteApp app) : BillDocumentTests(app), IClassFixture<SqliteApp>;

public sealed class BillDocumentOnPostgres(PostgresApp app) : BillDocumentTests(app), IClassFixture<PostgresApp>;
