using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Dso.WorkOrders;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Dunning;

/// <summary>A ruling as staff hand it in: the form's fields and the scan.</summary>
internal sealed record CourtRulingCommand(string? Court, string? CourtCaseNumber, string? OpenedOn, string? FileName, byte[]? Content);

/// <summary>
/// Records a court's ruling opening proceedings over a household's debt (PRRE 7.11): handed in before the
/// disconnection, the case ends (its order, if sent, is cancelled); after it, supply is restored by a restoration
/// order to the DSO. Either way the account is held out of dunning until staff record the dispute's end.
/// </summary>
internal sealed class CourtRulings(
    VidnovaDbContext db, IClock clock, IPersonalAccounts accounts, IDunningHolds holds, IWorkOrders workOrders, DunningRun run)
{
    public async Task<CourtRuling> RecordAsync(AccountNumber number, CourtRulingCommand command, string actor, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(number, cancellationToken)
            ?? throw new NotFoundException("account_not_found", "Особовий рахунок {0} не знайдено.", number.Value);
        var (openedOn, contentType) = Validate(command);
        if (account.Kind != CustomerKind.Household)
        {
            throw new BusinessRuleException("court_protection_households_only",
                "Захист від відключення на час судового спору діє лише для побутових споживачів (ПРРЕ, п. 7.11); рахунок {0} — непобутовий.", number.Value);
        }

        var now = clock.GetCurrentInstant();
        var ruling = CourtRuling.Record(number, command.Court!, command.CourtCaseNumber!, openedOn, command.FileName ?? "ruling", contentType, command.Content!,
            actor, now);
        db.Add(ruling);
        await holds.HoldAsync(number, DunningHoldReason.CourtDispute, ruling.Id, now, cancellationToken);

        var open = await db.Set<DunningCase>().SingleOrDefaultAsync(c => c.AccountNumber == number && c.State != DunningState.Closed, cancellationToken);
        var text = $"Закрито: ухвала суду про відкриття провадження щодо боргу ({ruling.Court}, справа {ruling.CourtCaseNumber}), ПРРЕ п. 7.11.";
        if (account.SupplyStatus == SupplyStatus.DisconnectedForDebt)
        {
            var orderId = Guid.NewGuid();
            // The DSO reconnects within the restoration's term (КСР 11.5.23: 3 working days in cities, 5 in rural areas).
            await workOrders.PlaceAsync(new WorkOrderPlacement(orderId, WorkOrderKind.Restoration, account.DsoCode, ruling.Id,
                account.Settlement == Settlement.City ? 3 : 5,
                new WorkOrderSubject(open?.Number ?? $"CR-{number.Value}", number, account.Eic, account.Address, AccountNames.Of(account.Settlement))),
                now, cancellationToken);
            ruling.Resulted(CourtRulingOutcome.RestorationOrdered, orderId);
        }
        else
        {
            ruling.Resulted(open is null ? CourtRulingOutcome.Recorded : CourtRulingOutcome.DisconnectionPrevented, null);
        }

        if (open is not null)
        {
            await run.CloseAsync(open, DunningCloseReason.CourtDispute, text, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        workOrders.Notify();
        return ruling;
    }

    /// <summary>Staff record that the dispute is over: the hold is released, so an unpaid debt is dunned afresh from a first warning.</summary>
    public async Task<CourtRuling> EndAsync(AccountNumber number, Guid rulingId, string actor, CancellationToken cancellationToken)
    {
        var ruling = await db.Set<CourtRuling>().SingleOrDefaultAsync(r => r.Id == rulingId && r.AccountNumber == number, cancellationToken)
            ?? throw new NotFoundException("court_ruling_not_found", "Ухвалу {0} для рахунку {1} не знайдено.", rulingId, number.Value);
        var now = clock.GetCurrentInstant();
        if (ruling.End(actor, now))
        {
            await holds.ReleaseAsync(ruling.Id, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return ruling;
    }

    private (LocalDate OpenedOn, string ContentType) Validate(CourtRulingCommand command)
    {
        var errors = new InputErrors();
        if (string.IsNullOrWhiteSpace(command.Court) || command.Court.Length > 200)
        {
            errors.Add("court", "Вкажіть назву суду (до 200 символів), як в ухвалі.");
        }

        if (string.IsNullOrWhiteSpace(command.CourtCaseNumber) || command.CourtCaseNumber.Length > 60)
        {
            errors.Add("courtCaseNumber", "Вкажіть номер судової справи (до 60 символів), наприклад 757/12345/26-ц.");
        }

        var parsed = LocalDatePattern.Iso.Parse(command.OpenedOn?.Trim() ?? "");
        var today = KyivTime.DateOf(clock.GetCurrentInstant());
        if (!parsed.Success || parsed.Value > today)
        {
            errors.Add("openedOn", "Вкажіть дату ухвали про відкриття провадження як рік-місяць-день (2026-12-01), не пізніше сьогодні.");
        }

        var contentType = command.Content is { Length: > 0 } content ? ScanTypeOf(content) : null;
        if (contentType is null)
        {
            errors.Add("file", "Додайте скан або фото ухвали суду: PDF, JPEG чи PNG, до 10 МБ.");
        }

        errors.ThrowIfAny();
        return (parsed.Value, contentType!);
    }

    /// <summary>The scan's type by its first bytes, never by the name it came with; null for anything else.</summary>
    private static string? ScanTypeOf(byte[] content) => content switch
    {
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..] => "application/pdf",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "image/png",
        _ => null,
    };
}
