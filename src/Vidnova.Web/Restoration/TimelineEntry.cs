using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;

namespace Vidnova.Restoration;

/// <summary>
/// One line of an application's history: when, what kind of event, who, and the facts a sentence about it needs
/// (<see cref="Data"/>, a JSON object of strings). Sentences are rendered per language and audience by
/// <see cref="TimelineText"/>, so a chatbot or the English UI can use the same history.
/// </summary>
internal sealed record TimelineEntry(Instant At, string Kind, ActorKind ActorKind, string? ActorId, string Data)
{
    /// <summary>The data key of an entry migrated from the time the timeline stored Ukrainian sentences: the sentence itself.</summary>
    public const string LegacyText = "legacy";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Actor Actor => new(ActorKind, ActorId);

    public static TimelineEntry Create(Instant at, string kind, Actor actor, IReadOnlyDictionary<string, string> data) =>
        new(at, kind, actor.Kind, actor.Id, JsonSerializer.Serialize(data, Json));

    public IReadOnlyDictionary<string, string> Values() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Data, Json) ?? [];
}
