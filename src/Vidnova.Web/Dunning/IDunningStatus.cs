using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Dunning;

/// <summary>
/// A disconnection for debt the customer has been warned of and can still avoid: what the cabinet shows on the
/// account's page. <paramref name="OrderedToDso"/>: the date has come and the DSO has the order; paying now still
/// cancels it while the DSO has not acted.
/// </summary>
public sealed record DunningWarningStatus(
    string CaseNumber, LocalDateTime PlannedDisconnectionAt, Money Amount, LocalDate PayBy, bool OrderedToDso);

/// <summary>What dunning tells other capabilities about one account, without them reading its cases.</summary>
public interface IDunningStatus
{
    /// <summary>
    /// The warning in force for <paramref name="account"/>: its open case warned or scheduled for disconnection, or
    /// ordered to the DSO. Null when there is none, or the case is paused (its dates no longer stand) or done.
    /// </summary>
    Task<DunningWarningStatus?> WarningInForceAsync(AccountNumber account, CancellationToken cancellationToken);
}

internal sealed class DunningStatus(VidnovaDbContext db) : IDunningStatus
{
    private static readonly DunningState[] Warned = [DunningState.Warned, DunningState.Scheduled, DunningState.DisconnectionOrdered];

    public async Task<DunningWarningStatus?> WarningInForceAsync(AccountNumber account, CancellationToken cancellationToken)
    {
        var open = await db.Set<DunningCase>().AsNoTracking()
            .Where(c => c.AccountNumber == account && Warned.Contains(c.State))
            .Select(c => new { c.Number, c.PlannedDisconnectionAt, c.Amount, c.PayBy, c.State })
            .FirstOrDefaultAsync(cancellationToken);
        return open is null ? null
            : new DunningWarningStatus(open.Number, open.PlannedDisconnectionAt, open.Amount, open.PayBy, open.State == DunningState.DisconnectionOrdered);
    }
}
