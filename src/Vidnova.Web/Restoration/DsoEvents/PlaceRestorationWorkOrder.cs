using NodaTime;
using Vidnova.Accounts;
using Vidnova.Dso.WorkOrders;

namespace Vidnova.Restoration.DsoEvents;

/// <summary>
/// Asks the DSO to reconnect the point of an application just sent to it: a restoration work order under the id the
/// application already refers to, with what the DSO needs (where, for whom) and the working days КСР 11.5.23 allows.
/// </summary>
internal sealed class PlaceRestorationWorkOrder(IPersonalAccounts accounts, IWorkOrders workOrders)
{
    /// <summary>In the caller's unit of work (the caller saves, then calls <see cref="Notify"/>).</summary>
    public async Task PlaceAsync(RestorationApplication application, Instant now, CancellationToken cancellationToken)
    {
        var request = application.DsoRequest ?? throw new InvalidOperationException("The application has no DSO request yet.");
        var account = await accounts.FindAsync(application.AccountNumber, cancellationToken)
            ?? throw new InvalidOperationException($"The account of application {application.Number} is gone.");
        var subject = new WorkOrderSubject(application.Number, account.Number, account.Eic, account.Address,
            application.Settlement == Settlement.City ? "city" : "rural");
        await workOrders.PlaceAsync(
            new WorkOrderPlacement(request.Id, WorkOrderKind.Restoration, application.DsoCode, application.Id,
                RestorationDeadline.WorkingDaysAllowed(application.Settlement), subject),
            now, cancellationToken);
    }

    /// <summary>After the commit: the DSO's channel gets the order without waiting for the next poll.</summary>
    public void Notify() => workOrders.Notify();
}
