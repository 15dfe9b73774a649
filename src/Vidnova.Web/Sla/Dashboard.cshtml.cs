using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Dso;
using Vidnova.Hosting;
using Vidnova.Restoration;
using Vidnova.Restoration.Deadlines;

namespace Vidnova.Sla;

/// <summary>The supervisor's view of the SLA: what is open at each DSO, who restores on time, how fast, and breaches.</summary>
[Authorize(Policy = AuthorizationPolicies.Supervisor)]
internal sealed class DashboardModel(IRestorationDeadlines deadlines, IDsoDirectory dsos, IClock clock) : PageModel
{
    private IReadOnlyDictionary<string, string> _dsoNames = new Dictionary<string, string>();

    public LocalDate Today { get; private set; }

    public IReadOnlyList<OpenByDaysLeft> Open { get; private set; } = [];

    public IReadOnlyList<OnTimeRate> OnTime { get; private set; } = [];

    public IReadOnlyList<RestorationTimes> Times { get; private set; } = [];

    public IReadOnlyList<Breach> Breaches { get; private set; } = [];

    public IReadOnlyList<(Guid Id, SlaRow Row)> Escalations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = KyivTime.DateOf(clock.GetCurrentInstant());
        var requests = await LoadAsync(ct);
        _dsoNames = (await dsos.ListAsync(ct)).ToDictionary(d => d.Code.Value, d => d.Name);
        var rows = requests.Select(ToRow).ToList();
        Open = SlaFigures.OpenByDso(rows, Today);
        var ids = requests.ToDictionary(r => r.ApplicationNumber, r => r.ApplicationId);
        Escalations = SlaFigures.Escalations(rows, Today, clock.GetCurrentInstant()).Select(r => (ids[r.ApplicationNumber], r)).ToList();
        OnTime = SlaFigures.OnTimeRates(rows);
        Times = SlaFigures.TimesToRestore(rows);
        Breaches = requests
            .Where(r => r.Breach is not null)
            .OrderByDescending(r => r.Breach!.RecordedAt)
            .Select(r => new Breach(r.ApplicationId, r.ApplicationNumber, r.DsoCode.Value, r.Breach!.MissedDeadline, r.Breach.Compensation.ToString(),
                r.ApplicationStatus))
            .ToList();
    }

    /// <summary>The rows behind the charts, for a spreadsheet.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = (await LoadAsync(ct)).Select(ToRow).OrderBy(r => r.SentAt).ToList();
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        {
            using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), leaveOpen: true);
            csv.WriteRecords(rows.Select(row => new SlaCsvRow(row.DsoCode, row.ApplicationNumber, row.Status, Iso(row.SentAt), Iso(row.ReceivedAt),
                row.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", Iso(row.CompletedAt), row.Breached)));
        }

        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"sla-{Today:yyyy-MM-dd}.csv");
    }

    /// <summary>The DSO's name as staff know it (issue 16: names, not codes), or its code when it is not registered.</summary>
    public string NameOf(string dsoCode) => _dsoNames.GetValueOrDefault(dsoCode, dsoCode);

    /// <summary>The name cut to what fits the 200 px before a chart's bars; the full name is the label's title.</summary>
    public string ChartLabelOf(string dsoCode, int room = 22)
    {
        var name = NameOf(dsoCode);
        return name.Length <= room ? name : name[..(room - 1)].TrimEnd() + "…";
    }

    private Task<IReadOnlyList<RestorationRequestFigures>> LoadAsync(CancellationToken ct)
    {
        Today = KyivTime.DateOf(clock.GetCurrentInstant());
        return deadlines.RequestsAsync(ct);
    }

    private static SlaRow ToRow(RestorationRequestFigures r) => new(
        r.DsoCode.Value, r.ApplicationNumber, r.RequestStatus.ToApiName(), r.SentAt, r.ReceivedAt, r.Deadline, r.CompletedAt, r.Breach is not null);

    private static string Iso(Instant? instant) =>
        instant?.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    public sealed record Breach(Guid Id, string Number, string DsoCode, LocalDate Deadline, string Compensation, ApplicationStatus Status);

}

/// <summary>One line of the SLA export; CsvHelper generates its writer at compile time.</summary>
[CsvRecord]
internal sealed partial record SlaCsvRow(string Dso, string Application, string Status, string SentAt, string ReceivedAt, string Deadline, string CompletedAt, bool Breached);
