using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Vidnova.Customers;

/// <summary>
/// A customer's login to the personal account (особистий кабінет) and the mobile app: an ASP.NET Core Identity user
/// whose user name is its email. Staff sign in separately (<c>Staff/</c>); a login holds no staff rights.
/// </summary>
public sealed class CustomerLogin : IdentityUser<Guid>
{
    public CustomerLogin()
    {
    }

    public CustomerLogin(string email, Instant registeredAt)
    {
        Id = Guid.NewGuid();
        UserName = email;
        Email = email;
        RegisteredAt = registeredAt;
    }

    public Instant RegisteredAt { get; private set; }

    /// <summary>Stamps a login created the way Identity's API creates one (<c>new TUser()</c>), without a registration time.</summary>
    internal void RegisteredWhenUnset(Instant now)
    {
        if (RegisteredAt == default)
        {
            RegisteredAt = now;
        }
    }
}
