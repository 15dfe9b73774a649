using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Vidnova.Calendar;

internal static class CalendarServiceCollectionExtensions
{
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddScoped<CalendarStore>();
        // The admin page reads "today" from the clock; tests may register a FakeClock instead.
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        return services;
    }
}
