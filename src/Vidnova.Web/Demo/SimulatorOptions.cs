
namespace Vidnova.Demo;

/// <summary>Configuration section <c>Simulator</c> (also <c>--Simulator:FailPercent=50</c> on the command line).</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>The DSO this simulator plays; Vidnova's callback address ends with it.</summary>
    public string DsoCode { get; set; } = "kyiv-city";

    /// <summary>The webhook secret shared with Vidnova (<c>PUT /api/v1/dsos/{code}</c> with <c>channel.secret</c>).</summary>
    public string Secret { get; set; } = "simulator-secret-change-me";

    /// <summary>Where Vidnova runs; callbacks go to <c>{VidnovaBaseUrl}/api/v1/dso/webhooks/{DsoCode}</c>.</summary>
    public string VidnovaBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Seconds after a request arrives until the simulator reports <c>received</c>.</summary>
    public double ReceivedAfterSeconds { get; set; } = 2;

    /// <summary>Seconds after <c>received</c> until it reports <c>completed</c>.</summary>
    public double CompletedAfterSeconds { get; set; } = 10;

    /// <summary>Share of webhook calls answered 500 (0–100), spread evenly (at 50, every second call), to exercise Vidnova's retries.</summary>
    public double FailPercent { get; set; }

    /// <summary>How long each webhook call is held before answering (a slow DSO; beyond Vidnova's timeout it is a timeout).</summary>
    public int ResponseDelayMilliseconds { get; set; }

    /// <summary>Sign callbacks with a wrong secret, to see Vidnova refuse them.</summary>
    public bool WrongSignature { get; set; }

    /// <summary>Do not call back at all (only receive).</summary>
    public bool NoCallbacks { get; set; }
}
