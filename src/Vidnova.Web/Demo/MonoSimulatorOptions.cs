namespace Vidnova.Demo;

/// <summary>Configuration section <c>Demo:MonoSimulator</c>: the Plata by mono simulator inside the host.</summary>
public sealed class MonoSimulatorOptions
{
    public const string Section = "Demo:MonoSimulator";

    /// <summary>On in Development only (appsettings.Development.json); never on elsewhere unless configured.</summary>
    public bool Enabled { get; set; }

    /// <summary>The merchant token the simulator accepts in <c>X-Token</c>; Vidnova's <c>Payments:Mono:Token</c> must be the same.</summary>
    public string Token { get; set; } = "demo-mono-token-change-me";

    /// <summary>How many copies of each webhook it sends (mono may repeat one), all at once.</summary>
    public int WebhookCopies { get; set; } = 1;

    /// <summary>Send a copy signed with another key before the real webhook, to see Vidnova refuse it and change nothing.</summary>
    public bool ForgedWebhookFirst { get; set; }

    /// <summary>Lose every webhook on the way: only the invoice status API tells Vidnova the outcome.</summary>
    public bool DropWebhooks { get; set; }

    /// <summary>Deliver the outcome's webhook before the earlier <c>processing</c> one, as a network may.</summary>
    public bool OutOfOrder { get; set; }
}
