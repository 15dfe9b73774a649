using Microsoft.Extensions.Options;
using Telegram.Bot;
using Vidnova.Outbox;

namespace Vidnova.Chatbot;

/// <summary>
/// The Telegram chatbot of the personal account (issue 15): the Bot API webhook, the updates handled after the 200,
/// and the cabinet's deep link that connects a chat to a login.
/// </summary>
public static class ChatbotModule
{
    public const string HttpClientName = "telegram";

    public static IServiceCollection AddChatbotModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>().Bind(configuration.GetSection(TelegramOptions.Section));
        // No retry layer here: a failed answer is retried as a whole by the update's own attempts (TelegramUpdatesChannel).
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        // The maintained client (Telegram.Bot), pointed at Telegram:ApiBaseUrl: Telegram's, or the stand-in in tests and the demo.
        services.AddScoped<ITelegramBotClient>(sp =>
        {
            var settings = sp.GetRequiredService<IOptionsMonitor<TelegramOptions>>().CurrentValue;
            return new TelegramBotClient(new TelegramBotClientOptions(settings.BotToken ?? "0:unconfigured", settings.ApiBaseUrl.TrimEnd('/')),
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName));
        });
        services.AddSingleton<TelegramUpdateSignal>();
        services.AddScoped<TelegramLinks>();
        services.AddScoped<ITelegramConnections>(sp => sp.GetRequiredService<TelegramLinks>());
        services.AddScoped<TelegramConversation>();
        services.AddScoped<ChatAccounts>();
        services.AddScoped<ChatReadings>();
        services.AddScoped<ChatRestoration>();
        services.AddOutboxWorker<TelegramUpdate, TelegramUpdatesChannel>();
        return services;
    }

    public static RouteGroupBuilder MapChatbotModule(this RouteGroupBuilder api) => api.MapTelegramWebhook().MapTelegramLinkApi();
}
