namespace Vidnova.Restoration.Receipts;

/// <summary>
/// What may send an application to the DSO without an operator (<c>Receipts:AutoApprove</c>). The money goes to the
/// DSO's account, so its bank statement is the proof; a receipt is text in a file that anyone can draw.
/// </summary>
public enum ReceiptApprovalMode
{
    /// <summary>The default: only a line of the DSO's bank statement confirms a payment; a matching receipt is a hint for the operator.</summary>
    Statement,

    /// <summary>The old behaviour: a PDF receipt matching the invoice approves too. A forged PDF passes the same checks.</summary>
    Receipt,

    /// <summary>Nothing is approved automatically: an operator decides every application.</summary>
    Off,
}

internal static class ReceiptApprovalModes
{
    public const string Key = "Receipts:AutoApprove";

    /// <summary>
    /// Reads <c>Receipts:AutoApprove</c>: <c>statement</c>, <c>receipt</c> or <c>off</c>; the boolean values of earlier
    /// versions keep their meaning (<c>true</c> → <c>receipt</c>, <c>false</c> → <c>off</c>) so existing configurations do not change behaviour.
    /// </summary>
    public static ReceiptApprovalMode Read(IConfiguration configuration) => configuration[Key]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "statement" => ReceiptApprovalMode.Statement,
        "receipt" or "true" => ReceiptApprovalMode.Receipt,
        "off" or "false" => ReceiptApprovalMode.Off,
        var other => throw new InvalidOperationException(
            $"{Key} is '{other}'; it must be statement (the default), receipt or off (true and false mean receipt and off)."),
    };

    /// <summary>Whether a line of the DSO's statement confirms the payment by itself (every mode but <c>off</c>).</summary>
    public static bool StatementConfirms(this ReceiptApprovalMode mode) => mode != ReceiptApprovalMode.Off;
}
