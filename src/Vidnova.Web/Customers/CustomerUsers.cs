using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Vidnova.Customers;

/// <summary>
/// Identity's user manager for customer logins, which also records when a login was registered: Identity's
/// <c>register</c> endpoint makes its user with <c>new TUser()</c>, so the time is stamped here, from our clock, for
/// the API's logins and the cabinet's alike.
/// </summary>
internal sealed class CustomerUsers(
    IUserStore<CustomerLogin> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<CustomerLogin> passwordHasher,
    IEnumerable<IUserValidator<CustomerLogin>> userValidators,
    IEnumerable<IPasswordValidator<CustomerLogin>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<CustomerLogin>> logger,
    IClock clock)
    : UserManager<CustomerLogin>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override Task<IdentityResult> CreateAsync(CustomerLogin user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.RegisteredWhenUnset(clock.GetCurrentInstant());
        return base.CreateAsync(user);
    }
}
