namespace Vidnova.Notifications;

/// <summary>
/// What a notification's correlation id refers to, in the words staff search by (e.g. an application's number). The
/// capability that sends notifications implements it, so the mail pages never read that capability's entities.
/// </summary>
public interface ICorrelationNames
{
    Task<string?> NameOfAsync(Guid correlationId, CancellationToken ct);
}
