namespace Vidnova.Notifications;

/// <summary>
/// A way a notification reaches its recipient (<see cref="OutboxMessage.Channel"/>): email now; a chat channel
/// registers another implementation under its own name.
/// </summary>
internal interface INotificationChannel
{
    /// <summary>The value of <see cref="OutboxMessage.Channel"/> this channel sends.</summary>
    string Name { get; }

    /// <summary>Sends the notification; throws when it did not go out, so it is retried.</summary>
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
