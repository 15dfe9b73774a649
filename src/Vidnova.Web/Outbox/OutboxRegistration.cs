namespace Vidnova.Outbox;

public static class OutboxRegistration
{
    /// <summary>Runs an <see cref="OutboxWorker{TRow}"/> on this instance for the rows <typeparamref name="TChannel"/> delivers.</summary>
    public static IServiceCollection AddOutboxWorker<TRow, TChannel>(this IServiceCollection services)
        where TChannel : class, IOutboxChannel<TRow>
    {
        services.AddSingleton<TChannel>();
        services.AddSingleton<IOutboxChannel<TRow>>(sp => sp.GetRequiredService<TChannel>());
        services.AddSingleton<OutboxWorker<TRow>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker<TRow>>());
        return services;
    }
}
