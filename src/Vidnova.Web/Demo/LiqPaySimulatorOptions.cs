namespace Vidnova.Demo;

/// <summary>Configuration section <c>Demo:LiqPaySimulator</c>: the LiqPay simulator inside the host.</summary>
public sealed class LiqPaySimulatorOptions
{
    public const string Section = "Demo:LiqPaySimulator";

    /// <summary>On in Development only (appsettings.Development.json); never on elsewhere unless configured.</summary>
    public bool Enabled { get; set; }

    /// <summary>The shop's keys the simulator knows; Vidnova's <c>Payments:LiqPay:PublicKey</c>/<c>PrivateKey</c> must be the same.</summary>
    public string PublicKey { get; set; } = "sandbox_i00000000";

    public string PrivateKey { get; set; } = "sandbox_demo_private_key_change_me";

    /// <summary>How many copies of each server callback it sends (LiqPay may repeat one), all at once.</summary>
    public int CallbackCopies { get; set; } = 1;

    /// <summary>Send a copy signed with a wrong key before the real callback, to see Vidnova refuse it and change nothing.</summary>
    public bool ForgedCallbackFirst { get; set; }

    /// <summary>Lose every server callback on the way: only the status API tells Vidnova the outcome.</summary>
    public bool DropCallbacks { get; set; }

    /// <summary>Report <c>processing</c> first and the outcome after this many seconds (0: the outcome at once).</summary>
    public double ProcessingSeconds { get; set; }
}
