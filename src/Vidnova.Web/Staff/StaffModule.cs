using Microsoft.AspNetCore.Identity;

namespace Vidnova.Staff;

/// <summary>Staff sign-in and its lockout.</summary>
public static class StaffModule
{
    public static IServiceCollection AddStaffModule(this IServiceCollection services)
    {
        services.AddScoped<StaffLockout>();
        services.AddSingleton<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>();
        services.AddSingleton<StaffPasswords>();
        return services;
    }
}
