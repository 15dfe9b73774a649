namespace Vidnova.UntrustedDocuments;

/// <summary>The reader of customers' files in a child process of ours.</summary>
public static class UntrustedDocumentsModule
{
    public static IServiceCollection AddUntrustedDocumentsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DocumentReaderOptions>(configuration.GetSection(DocumentReaderOptions.Section));
        services.AddSingleton<UntrustedDocumentReader>();
        return services;
    }
}
