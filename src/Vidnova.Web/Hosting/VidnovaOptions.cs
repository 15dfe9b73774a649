namespace Vidnova.Hosting;

public sealed class VidnovaOptions
{
    public const string Section = "Vidnova";

    /// <summary>The automation key with staff rights, sent as <c>X-Api-Key</c>. Empty disables it.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>The address customers reach the portal at; used in links inside emails.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Seed demo accounts, DSOs and staff at start-up (on by default in Development).</summary>
    public bool SeedDemoData { get; set; }
}
