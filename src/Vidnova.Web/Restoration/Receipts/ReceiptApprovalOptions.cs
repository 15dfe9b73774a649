namespace Vidnova.Restoration.Receipts;

/// <summary>
/// <c>Receipts:AutoApprove</c>, read by <see cref="ReceiptApprovalModes.Read"/> (which also accepts the boolean values
/// of earlier versions), so a mistyped mode stops the host at start-up rather than at the first receipt.
/// </summary>
internal sealed class ReceiptApprovalOptions
{
    public ReceiptApprovalMode AutoApprove { get; set; }
}
