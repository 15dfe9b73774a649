using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Hosting;

/// <summary>
/// Thousands of generated requests — JSON of the wrong shape and types, huge numbers, long strings, NUL and other
/// control characters, invalid UTF-8, deep nesting, broken multipart, odd Content-Type and Accept-Language — to every
/// public endpoint of the README's API table and the pages' forms. Whatever arrives: never a 5xx, the host stays
/// alive, and a refused call writes nothing. <c>VIDNOVA_FUZZ_ITERATIONS</c> raises the count (default 1500 per
/// database); CsCheck prints the seed of a failure, and <c>CsCheck_Seed</c> replays it.
/// </summary>
public abstract class HostileInputFuzzTests(VidnovaApp app) : IAsyncLifetime
{
    private static readonly string[] Tables =
    [
        "customer_accounts", "ledger_entries", "dsos", "dso_api_keys", "dso_restoration_prices", "restoration_applications",
        "application_timeline", "receipts", "receipt_files", "outbox_messages", "dso_deliveries", "dso_callback_events",
        "inbound_emails", "calendar_holidays", "calendar_transfers", "staff_users", "customer_account_links",
        "meters", "meter_readings", "household_tariffs", "electric_heating_options",
    ];

    private readonly Scenario _scenario = new(app);
    private Ids _ids = null!;
    private HttpClient _login = null!;

    private enum Caller
    {
        Anonymous,
        Customer,

        /// <summary>A customer login (bearer token) with account 7000000001 linked through the API and the account of <see cref="Ids.CabinetApplication"/> linked in the database.</summary>
        Login,
        Admin,
        Dso,
        MailGateway,
    }

    private enum BodyKind
    {
        None,
        Json,
        Multipart,
        Raw,
        PageForm,
    }

    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("VIDNOVA_FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1500;

    public async Task InitializeAsync()
    {
        await _scenario.RegisterDsoAsync();
        var dsoKey = await _scenario.IssueDsoKeyAsync();
        await _scenario.PutAccountAsync("7000000001");
        await _scenario.PutAccountAsync("7000000002");
        var awaiting = await _scenario.ConfirmedApplicationAsync("7000000001");
        var sent = await _scenario.SentToDsoAsync("7000000002");
        await _scenario.PutAccountAsync("7000000003");
        (_login, _) = await new CabinetCustomers(app).SignedInWithAsync("fuzz.login@example.com", "7000000003");
        var filed = await _login.PostAsync("/api/v1/me/accounts/7000000003/restoration-applications",
            new StringContent("""{"phone":"0671234567"}""", Encoding.UTF8, "application/json"));
        await _login.LinkedAsync("7000000001", "Шевченко", "62Z100000000001Z");
        var cabinetApplication = (await filed.ReadAsync<Vidnova.Restoration.ApplicationResponse>(HttpStatusCode.Created)).Id;
        var meter = await app.Admin().PutAsync("/api/v1/accounts/7000000003/meter", new StringContent(
            """{"serialNumber":"FZ-1","zones":1,"digits":5,"installedOn":"2026-09-01","readings":{"total":1000}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, meter.StatusCode);
        _ids = new Ids(awaiting.Id, awaiting.AccessToken!, sent.DsoRequest!.Id, dsoKey, cabinetApplication);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnyGeneratedRequest_ToAnyPublicEndpoint_IsNeverA5xx_AndARefusalWritesNothing()
    {
        var clients = new Dictionary<Caller, HttpClient>
        {
            [Caller.Anonymous] = app.CreateClient(new() { AllowAutoRedirect = false }),
            [Caller.Customer] = app.Customer(_ids.AccessToken),
            [Caller.Login] = _login,
            [Caller.Admin] = app.Admin(),
            [Caller.Dso] = app.WithApiKey(_ids.DsoKey),
            [Caller.MailGateway] = app.WithApiKey(VidnovaApp.MailGatewayKey),
        };
        var calls = 0;
        // Nothing but these calls writes to the tables counted (the background workers only update rows).
        var counts = await RowCountsAsync();

        await Calls.SampleAsync(
            async call =>
            {
                calls++;
                using var request = call.ToRequest(_ids);
                using var response = await clients[call.Target.Caller].SendAsync(request);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();

                Assert.True(status < 500, $"{call} → {status}: {body}\n{string.Join("\n", app.Errors.Entries)}");
                if (call.Target.Kind == BodyKind.PageForm && call.ContentType == "application/x-www-form-urlencoded")
                {
                    // No antiforgery token: the page refuses before it reads a field.
                    Assert.True(status == 400, $"{call} → {status}: {body}");
                }

                var after = await RowCountsAsync();
                if (status >= 400)
                {
                    Assert.True(counts == after, $"{call} → {status} but the row counts of {string.Join(",", Tables)} went {counts} → {after}");
                }

                counts = after;
            },
            iter: Iterations,
            threads: 1,
            print: call => call.ToString());

        var live = await app.CreateClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(calls >= Iterations);
    }

    // The table names are the constants above, not input.
#pragma warning disable EF1003
    private Task<string> RowCountsAsync() => app.InDatabaseAsync(db =>
        db.Database.SqlQueryRaw<string>(
            "SELECT " + string.Join(" || ',' || ", Tables.Select(t => $"CAST((SELECT COUNT(*) FROM {t}) AS TEXT)")) + " AS \"Value\"")
        .SingleAsync());
#pragma warning restore EF1003

    private sealed record Ids(Guid Application, string AccessToken, Guid DsoRequest, string DsoKey, Guid CabinetApplication);

    private sealed record Target(string Name, HttpMethod Method, string Path, Caller Caller, BodyKind Kind, params string[] Fields);

    private sealed record Call(Target Target, byte[] Body, string? ContentType, string? AcceptLanguage, string Query)
    {
        public HttpRequestMessage ToRequest(Ids ids)
        {
            var path = Target.Path
                .Replace("{id}", ids.Application.ToString(), StringComparison.Ordinal)
                .Replace("{mine}", ids.CabinetApplication.ToString(), StringComparison.Ordinal)
                .Replace("{requestId}", ids.DsoRequest.ToString(), StringComparison.Ordinal);
            var request = new HttpRequestMessage(Target.Method, path + Query);
            if (Target.Kind != BodyKind.None)
            {
                request.Content = new ByteArrayContent(Body);
                if (ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }

            if (AcceptLanguage is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Language", AcceptLanguage);
            }

            return request;
        }

        public override string ToString()
        {
            var shown = Encoding.UTF8.GetString(Body);
            return $"{Target.Method} {Target.Path}{Query} [{ContentType}] [{AcceptLanguage}] {(shown.Length > 300 ? shown[..300] + "…" : shown)}";
        }
    }

    private static readonly Target[] Targets =
    [
        new("apply", HttpMethod.Post, "/api/v1/restoration-applications", Caller.Anonymous, BodyKind.Json,
            "accountNumber", "holderSurname", "email", "emailConfirmation", "phone"),
        new("confirm", HttpMethod.Post, "/api/v1/restoration-applications/{id}/email-confirmation", Caller.Customer, BodyKind.Json, "code"),
        new("get", HttpMethod.Get, "/api/v1/restoration-applications/{id}", Caller.Customer, BodyKind.None),
        new("receipt", HttpMethod.Post, "/api/v1/restoration-applications/{id}/receipts", Caller.Customer, BodyKind.Multipart),
        new("decision", HttpMethod.Post, "/api/v1/restoration-applications/{id}/receipt-decision", Caller.Admin, BodyKind.Json, "approve", "reason"),
        new("cancel", HttpMethod.Post, "/api/v1/restoration-applications/{id}/cancellation", Caller.Customer, BodyKind.Json, "reason"),
        new("me-apply", HttpMethod.Post, "/api/v1/me/accounts/7000000003/restoration-applications", Caller.Login, BodyKind.Json, "phone"),
        new("me-list", HttpMethod.Get, "/api/v1/me/restoration-applications", Caller.Login, BodyKind.None),
        new("me-get", HttpMethod.Get, "/api/v1/me/restoration-applications/{mine}", Caller.Login, BodyKind.None),
        new("me-receipt", HttpMethod.Post, "/api/v1/me/restoration-applications/{mine}/receipts", Caller.Login, BodyKind.Multipart),
        new("me-cancel", HttpMethod.Post, "/api/v1/me/restoration-applications/{mine}/cancellation", Caller.Login, BodyKind.Json, "reason"),
        new("account", HttpMethod.Put, "/api/v1/accounts/7000000009", Caller.Admin, BodyKind.Json,
            "holderName", "address", "eic", "settlement", "dsoCode", "supplyStatus", "debt", "kind"),
        new("dso", HttpMethod.Put, "/api/v1/dsos/fuzz-dso", Caller.Admin, BodyKind.Json, "name", "edrpou", "iban", "restorationPrice", "channel"),
        new("payment", HttpMethod.Post, "/api/v1/payments", Caller.Admin, BodyKind.Json, "accountNumber", "amount", "paidAt", "channel", "reference"),
        new("payment-partner", HttpMethod.Put, "/api/v1/payment-partners/fuzz-bank", Caller.Admin, BodyKind.Json, "name", "format"),
        new("payment-registry", HttpMethod.Post, "/api/v1/payment-registries", Caller.Anonymous, BodyKind.Multipart),
        new("dso-list", HttpMethod.Get, "/api/v1/dso/restoration-requests", Caller.Dso, BodyKind.None),
        new("dso-event", HttpMethod.Post, "/api/v1/dso/restoration-requests/{requestId}/events", Caller.Dso, BodyKind.Json, "type", "occurredAt", "reason"),
        new("dso-webhook", HttpMethod.Post, "/api/v1/dso/webhooks/kyiv-city", Caller.Anonymous, BodyKind.Json,
            "eventId", "requestId", "type", "occurredAt", "reason"),
        new("meter", HttpMethod.Put, "/api/v1/accounts/7000000003/meter", Caller.Admin, BodyKind.Json,
            "serialNumber", "zones", "digits", "installedOn", "readings", "finalReadings"),
        new("reading", HttpMethod.Post, "/api/v1/accounts/7000000003/readings", Caller.Admin, BodyKind.Json, "takenOn", "values", "confirm", "source"),
        new("dso-reading", HttpMethod.Post, "/api/v1/accounts/7000000003/readings", Caller.Dso, BodyKind.Json, "takenOn", "values", "confirm", "source"),
        new("own-reading", HttpMethod.Post, "/api/v1/me/accounts/7000000003/readings", Caller.Customer, BodyKind.Json, "takenOn", "values", "confirm"),
        new("readings", HttpMethod.Get, "/api/v1/accounts/7000000003/readings", Caller.Admin, BodyKind.None),
        new("tariff", HttpMethod.Put, "/api/v1/tariffs/2027-01-01", Caller.Admin, BodyKind.Json, "pricePerKwh", "zoneFactors", "electricHeating"),
        new("tariff-options", HttpMethod.Put, "/api/v1/accounts/7000000003/tariff-options", Caller.Admin, BodyKind.Json, "electricHeating", "from"),
        new("inbound-email", HttpMethod.Post, "/api/v1/inbound-emails", Caller.MailGateway, BodyKind.Raw),
        new("me-link", HttpMethod.Post, "/api/v1/me/accounts", Caller.Login, BodyKind.Json, "accountNumber", "holderSurname", "proof"),
        new("me-accounts", HttpMethod.Get, "/api/v1/me/accounts", Caller.Login, BodyKind.None),
        new("me-account", HttpMethod.Get, "/api/v1/me/accounts/7000000001", Caller.Login, BodyKind.None),
        new("me-ledger", HttpMethod.Get, "/api/v1/me/accounts/7000000001/ledger", Caller.Login, BodyKind.None),
        new("me-logins", HttpMethod.Get, "/api/v1/me/accounts/7000000001/logins", Caller.Login, BodyKind.None),
        new("liqpay-callback", HttpMethod.Post, "/api/v1/payments/liqpay/callback", Caller.Anonymous, BodyKind.PageForm, "data", "signature"),
        new("mono-webhook", HttpMethod.Post, "/api/v1/payments/mono/webhook", Caller.Anonymous, BodyKind.Raw),
        new("apply-page", HttpMethod.Post, "/restoration/apply", Caller.Anonymous, BodyKind.PageForm,
            "AccountNumber", "HolderSurname", "Email", "EmailConfirmation", "Phone"),
        new("sign-in-page", HttpMethod.Post, "/backoffice/sign-in", Caller.Anonymous, BodyKind.PageForm, "Email", "Password", "ReturnUrl"),
        new("status-page", HttpMethod.Post, "/restoration/{id}?handler=Confirm", Caller.Anonymous, BodyKind.PageForm, "code"),
        new("confirm-link-page", HttpMethod.Post, "/restoration/{id}/confirm", Caller.Anonymous, BodyKind.PageForm, "token", "code"),
        new("status-page-receipt", HttpMethod.Post, "/restoration/{id}?handler=Receipt", Caller.Anonymous, BodyKind.Multipart),
        new("portal-page", HttpMethod.Get, "/", Caller.Anonymous, BodyKind.None),
    ];

    /// <summary>What a field would hold in a well-formed call, so that some generated calls get past the shape checks.</summary>
    private static readonly Dictionary<string, string> Plausible = new()
    {
        ["accountNumber"] = "\"7000000001\"",
        ["holderSurname"] = "\"Шевченко\"",
        ["email"] = "\"taras@example.com\"",
        ["emailConfirmation"] = "\"taras@example.com\"",
        ["phone"] = "\"0671234567\"",
        ["code"] = "\"123456\"",
        ["approve"] = "false",
        ["reason"] = "\"Нечитабельно\"",
        ["holderName"] = "\"Шевченко Тарас\"",
        ["address"] = "\"Київ\"",
        ["eic"] = "\"62Z100000000001Z\"",
        ["settlement"] = "\"city\"",
        ["dsoCode"] = "\"kyiv-city\"",
        ["supplyStatus"] = "\"disconnected_for_debt\"",
        ["debt"] = "10.00",
        ["kind"] = "\"household\"",
        ["name"] = "\"ОСР\"",
        ["edrpou"] = "\"41946011\"",
        ["iban"] = "\"UA213223130000026007233566001\"",
        ["restorationPrice"] = "100.00",
        ["channel"] = "\"bank\"",
        ["amount"] = "1.00",
        ["paidAt"] = "\"2026-11-25T07:00:00Z\"",
        ["reference"] = "\"fuzz\"",
        ["type"] = "\"rejected\"",
        ["occurredAt"] = "\"2026-11-25T07:30:00Z\"",
        ["eventId"] = "\"e-1\"",
        ["requestId"] = "\"00000000-0000-0000-0000-000000000000\"",
        ["serialNumber"] = "\"FZ-1\"",
        ["zones"] = "1",
        ["digits"] = "5",
        ["installedOn"] = "\"2026-09-01\"",
        ["readings"] = "{\"total\":1000}",
        ["finalReadings"] = "{\"total\":1200}",
        ["takenOn"] = "\"2026-11-24\"",
        ["values"] = "{\"total\":1100}",
        ["confirm"] = "false",
        ["source"] = "\"staff\"",
        ["pricePerKwh"] = "4.32",
        ["zoneFactors"] = "{\"2\":{\"night\":0.5,\"day\":1},\"3\":{\"night\":0.4,\"halfPeak\":1,\"peak\":1.5}}",
        ["electricHeating"] = "true",
        ["from"] = "\"2026-10-01\"",
        ["proof"] = "{\"eic\":\"62Z100000000001Z\"}",
    };

    private static readonly Gen<string> HostileText = Gen.Frequency(
        (3, Gen.String),
        (2, Gen.Char[(char)0, (char)0x7f].Array[0, 40].Select(c => new string(c))),
        (1, Gen.Int[190, 6000].Select(n => new string('я', n))),
        (3, Gen.OneOf(
            "\u0000", "Шевченко\u0000", "\u0007\u001b[31m", "\ud800", "x\udc00y", "рядок\r\nдругий", "\t", "' OR 1=1 --",
            "<script>alert(1)</script>", "%00", "../../etc/passwd", "\uFEFF", "\u202Eabc", "😀😀", "")));

    private static readonly Gen<string> JsonScalar = Gen.Frequency(
        (4, HostileText.Select(s => System.Text.Json.JsonSerializer.Serialize(s))),
        (2, Gen.OneOf(
            "0", "-1", "1e400", "-1e400", "79228162514264337593543950335", "-79228162514264337593543950336", "792281625142643375935439503350",
            "1.0000000000000000000000000001", "10.001", "0.1e-400", "12345678901234567890", "NaN", "\"NaN\"", "Infinity", "-0",
            "true", "false", "null", "\"\\u0000\"", "\"\\ud800\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"",
            "\"2026-13-45T99:99:99Z\"", "\"-1\"", "\"1e400\"")),
        (1, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1")));

    private static readonly Gen<string> JsonValue = Gen.Frequency(
        (8, JsonScalar),
        (1, JsonScalar.Array[0, 4].Select(a => "[" + string.Join(",", a) + "]")),
        (1, Gen.Select(HostileText, JsonScalar).Array[0, 3]
            .Select(kv => "{" + string.Join(",", kv.Select(p => System.Text.Json.JsonSerializer.Serialize(p.Item1) + ":" + p.Item2)) + "}")),
        (1, Gen.Int[50, 3000].Select(depth => new string('[', depth) + new string(']', depth))),
        (1, Gen.Int[50, 300].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))));

    private static Gen<string> JsonObject(string[] fields) =>
        fields.Aggregate(
            Gen.Const(new List<string>()),
            (gen, field) => gen.SelectMany(members => Gen.Frequency(
                    (2, Gen.Const((string?)null)),
                    (4, Gen.Const<string?>($"\"{field}\":{Plausible.GetValueOrDefault(field, "1")}")),
                    (3, JsonValue.Select(v => (string?)$"\"{field}\":{v}")))
                .Select(member => member is null ? members : [.. members, member])))
        .SelectMany(members => Gen.Frequency(
            (4, Gen.Const("{" + string.Join(",", members) + "}")),
            (1, HostileText.SelectMany(key => JsonValue.Select(v =>
                "{" + string.Join(",", [.. members, System.Text.Json.JsonSerializer.Serialize(key) + ":" + v]) + "}"))),
            (1, Gen.Const("{" + string.Join(",", members))),
            (1, JsonValue)));

    private static readonly Gen<string> FormText = HostileText.Select(Uri.EscapeDataString);

    private static Gen<string> PageForm(string[] fields) =>
        fields.Aggregate(Gen.Const(""), (gen, field) => gen.SelectMany(form => FormText.Select(v => $"{form}{(form.Length > 0 ? "&" : "")}{field}={v}")));

    private const string Boundary = "fuzz-boundary";

    private static readonly Gen<string> MultipartPart = Gen.Select(
        Gen.OneOf(
            "Content-Disposition: form-data; name=\"file\"; filename=\"r.pdf\"\r\n",
            "Content-Disposition: form-data; name=\"file\"\r\n",
            "Content-Disposition: form-data; name=\"other\"\r\n",
            "",
            "Content-Disposition: attachment\r\n",
            "X-Nothing: 1\r\n"),
        HostileText,
        Gen.OneOf("Content-Type: application/pdf\r\n", "Content-Type: image/png\r\n", "", "Content-Type: \r\n"),
        Gen.OneOf("%PDF-1.4\n%%EOF\n", "\u0089PNG\r\n\u001a\n", "\u00ff\u00d8\u00ff", "", "--" + Boundary, "plain text"),
        Gen.Int[0, 30])
        .Select((disposition, fileName, type, content, extraHeaders) =>
            "--" + Boundary + "\r\n"
            + disposition.Replace("r.pdf", fileName.Replace("\"", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal)
            + type + string.Concat(Enumerable.Range(0, extraHeaders).Select(i => $"X-{i}: {new string('h', 50 * i)}\r\n"))
            + "\r\n" + content + "\r\n");

    private static readonly Gen<string> Multipart = Gen.Select(MultipartPart.Array[0, 3], Gen.Bool)
        .Select((parts, closed) => string.Concat(parts) + (closed ? "--" + Boundary + "--\r\n" : ""));

    /// <summary>
    /// Header text for the pushed emails, without NUL and at most 150 characters: storing any Subject/From verbatim is
    /// the inbound-mail part of issue 9 (InboundMail/*, on its own branch). Once that lands, use HostileText here.
    /// </summary>
    private static readonly Gen<string> EmailHeaderText = HostileText.Select(t => t.Replace("\0", "", StringComparison.Ordinal))
        .Select(t => t.Length > 150 ? t[..150] : t);

    private static readonly Gen<string> RawEmail = Gen.Select(EmailHeaderText, EmailHeaderText, JsonScalar).Select((subject, from, text) =>
        $"From: {from}\r\nTo: receipts@vidnova.test\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@fuzz>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n");

    private static readonly Gen<string?> ContentTypes = Gen.OneOf<string?>(
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "application/json; charset=nonsense",
        "text/plain", "application/x-www-form-urlencoded", $"multipart/form-data; boundary={Boundary}", "multipart/form-data",
        "multipart/form-data; boundary=", "message/rfc822", "application/xml", "*/*", "garbage", null);

    private static readonly Gen<string?> AcceptLanguages = Gen.OneOf<string?>(
        null, "en", "uk", "en-US,en;q=0.9", "*", "xx-INVALID", "en;q=abc", "", "zz-ZZ-ZZ-ZZ", "en;q=0, uk;q=0", new string('a', 3000));

    /// <summary>Random bytes that are not UTF-8 at all, spliced into a body.</summary>
    private static readonly Gen<byte[]> InvalidUtf8 = Gen.OneOf(
        new byte[] { 0xFF }, [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0x80]);

    private static readonly Gen<Call> Calls = Gen.Int[0, Targets.Length - 1].SelectMany(index =>
    {
        var target = Targets[index];
        var text = target.Kind switch
        {
            BodyKind.Json => JsonObject(target.Fields),
            BodyKind.Multipart => Multipart,
            BodyKind.Raw => RawEmail,
            BodyKind.PageForm => PageForm(target.Fields),
            _ => Gen.Const(""),
        };
        var contentType = target.Kind switch
        {
            BodyKind.Json => Gen.Frequency((3, Gen.Const((string?)"application/json")), (1, ContentTypes)),
            BodyKind.Multipart => Gen.Frequency((3, Gen.Const((string?)$"multipart/form-data; boundary={Boundary}")), (1, ContentTypes)),
            BodyKind.Raw => Gen.Frequency((3, Gen.Const((string?)"message/rfc822")), (1, ContentTypes)),
            BodyKind.PageForm => Gen.Frequency((3, Gen.Const((string?)"application/x-www-form-urlencoded")), (1, ContentTypes)),
            _ => Gen.Const((string?)null),
        };
        var query = target.Name switch
        {
            "dso-list" => Gen.Frequency((1, Gen.Const("")), (3, HostileText.Select(s => "?status=" + Uri.EscapeDataString(s)))),
            "get" => Gen.Frequency((3, Gen.Const("")), (1, HostileText.Select(s => "?culture=" + Uri.EscapeDataString(s)))),
            "me-ledger" => Gen.Select(HostileText, HostileText).Select((from, to) => $"?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}"),
            "portal-page" => Gen.Select(HostileText, HostileText).Select((culture, q) => $"?culture={Uri.EscapeDataString(culture)}&q={Uri.EscapeDataString(q)}"),
            "status-page-receipt" => Gen.Const("&x=1"),
            _ => Gen.Const(""),
        };
        var body = Gen.Select(text, Gen.Frequency((5, Gen.Const((byte[]?)null)), (1, InvalidUtf8.Select(b => (byte[]?)b))), Gen.Int[0, 1000])
            .Select((t, invalid, at) =>
            {
                var bytes = target.Kind == BodyKind.Multipart ? Encoding.Latin1.GetBytes(t) : Encoding.UTF8.GetBytes(t);
                if (invalid is null)
                {
                    return bytes;
                }

                var position = bytes.Length == 0 ? 0 : at % bytes.Length;
                return [.. bytes[..position], .. invalid, .. bytes[position..]];
            });
        return Gen.Select(body, contentType, AcceptLanguages, query).Select((b, c, l, q) => new Call(target, b, c, l, q));
    });
}

public sealed class HostileInputFuzzOnSqlite(SqliteApp app) : HostileInputFuzzTests(app), IClassFixture<SqliteApp>;

public sealed class HostileInputFuzzOnPostgres(PostgresApp app) : HostileInputFuzzTests(app), IClassFixture<PostgresApp>;
