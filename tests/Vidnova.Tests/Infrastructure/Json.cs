using System.Text.Json;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Vidnova.Tests.Infrastructure;

public static class Json
{
    public static readonly JsonSerializerOptions Options =
        new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
}

/// <summary>The RFC 9457 body the API answers refusals with.</summary>
public sealed record Problem(int Status, string Title, string Detail, string? Code, Dictionary<string, string[]>? Errors);
