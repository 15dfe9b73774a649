using Vidnova.Dso.WorkOrders;
using Vidnova.Notifications;
using Vidnova.Restoration.Apply;
using Vidnova.Restoration.Cabinet;
using Vidnova.Restoration.Deadlines;
using Vidnova.Restoration.DsoEvents;
using Vidnova.Restoration.EmailConfirmation;
using Vidnova.Restoration.Notifications;
using Vidnova.Restoration.PaymentStatements;
using Vidnova.Restoration.Receipts;
using Vidnova.Restoration.Receipts.Ocr;
using Vidnova.Restoration.Replies;

namespace Vidnova.Restoration;

/// <summary>The restoration capability: applications, receipts and their checks, DSO statements, the customer API.</summary>
public static class RestorationModule
{
    public static IServiceCollection AddRestorationModule(this IServiceCollection services, IConfiguration configuration)
    {
        // A mistyped Receipts:AutoApprove stops the host at start-up with the accepted values, not at the first receipt.
        ReceiptApprovalModes.Read(configuration);
        services.AddOptions<ReceiptApprovalOptions>().Configure(o => o.AutoApprove = ReceiptApprovalModes.Read(configuration));
        services.AddScoped<IRestorationDebtPolicy, RestorationDebtPolicy>();
        services.Configure<RestorationOptions>(configuration.GetSection(RestorationOptions.Section));
        services.AddSingleton<ApplicationLinks>();
        services.AddSingleton<RestorationEmails>();
        services.AddSingleton<TimelineText>();
        services.AddReceiptOcr(configuration);
        services.AddScoped<ApplicationFiling>();
        services.AddScoped<ApplyForRestoration>();
        services.AddScoped<ConfirmEmail>();
        services.AddScoped<ResendConfirmationCode>();
        services.AddSingleton<LapsedApplications>();
        services.AddHostedService(sp => sp.GetRequiredService<LapsedApplications>());
        services.AddScoped<ApplyFromCabinet>();
        services.AddScoped<CabinetApplications>();
        services.AddScoped<SubmitReceipt>();
        services.AddScoped<DecideReceipt>();
        services.AddScoped<PlaceRestorationWorkOrder>();
        services.AddScoped<IWorkOrderObserver, RestorationWorkOrderObserver>();
        services.AddScoped<ImportPaymentStatement>();
        services.AddScoped<ICorrelationNames, ApplicationNumbers>();
        services.AddScoped<IApplicationReplies, ApplicationReplies>();
        services.AddScoped<IRestorationDeadlines, RestorationDeadlines>();
        services.AddScoped<IOpenRestorationApplications, OpenRestorationApplications>();
        services.AddScoped<IRestorationSelfService, RestorationSelfService>();
        return services;
    }

    public static RouteGroupBuilder MapRestorationModule(this RouteGroupBuilder api) => api.MapRestorationApi().MapCabinetRestorationApi();
}
