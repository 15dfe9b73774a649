namespace Vidnova.Hosting;

public sealed class VidnovaOptions
{
    public const string Section = "Vidnova";

    /// <summary>The automation key with staff rights, sent as <c>X-Api-Key</c>. Empty disables it.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>
    /// DSO keys from configuration (<c>Vidnova:DsoApiKeys:kyiv-city</c>), for operators who provision secrets that way;
    /// keys issued through <c>POST /api/v1/dsos/{code}/api-keys</c> are stored hashed in the database instead.
    /// </summary>
    public Dictionary<string, string> DsoApiKeys { get; set; } = [];

    /// <summary>The address customers reach the portal at; used in links inside emails.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Seed demo accounts, DSOs and staff at start-up (on by default in Development).</summary>
    public bool SeedDemoData { get; set; }
}
