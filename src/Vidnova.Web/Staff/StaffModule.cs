namespace Vidnova.Staff;

/// <summary>Staff sign-in and its lockout.</summary>
public static class StaffModule
{
    public static IServiceCollection AddStaffModule(this IServiceCollection services)
    {
        services.AddScoped<StaffLockout>();
        return services;
    }
}
