namespace Vidnova.Restoration.Receipts.Ocr;

internal static class ReceiptOcrRegistration
{
    /// <summary>
    /// The recogniser and the HEIC converter always (the back office reads the results and shows HEIC photos as JPEG);
    /// the worker only when <c>Receipts:Ocr:Enabled</c>.
    /// </summary>
    public static IServiceCollection AddReceiptOcr(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OcrOptions>(configuration.GetSection(OcrOptions.Section));
        services.Configure<HeicOptions>(configuration.GetSection(HeicOptions.Section));
        services.AddSingleton<HeicConverter>();
        services.AddSingleton<TesseractOcr>();
        if (configuration.GetValue<bool>($"{OcrOptions.Section}:Enabled"))
        {
            services.AddSingleton<ReceiptOcrWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<ReceiptOcrWorker>());
        }

        return services;
    }
}
