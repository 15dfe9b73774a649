using Microsoft.AspNetCore.Identity;

namespace Vidnova.Staff;

/// <summary>Sets and checks staff passwords as ASP.NET Core Identity hashes, so that the user entity stays plain.</summary>
internal sealed class StaffPasswords(IPasswordHasher<StaffUser> hasher)
{
    /// <summary>Checked when the login is unknown so that a wrong login takes as long as a wrong password.</summary>
    private readonly Lazy<StaffUser> decoy = new(() =>
    {
        var user = StaffUser.Create("decoy@invalid", "", "");
        user.SetPasswordHash(hasher.HashPassword(user, Guid.NewGuid().ToString()));
        return user;
    });

    public StaffUser NewUser(string login, string displayName, string role, string password)
    {
        var user = StaffUser.Create(login, displayName, role);
        user.SetPasswordHash(hasher.HashPassword(user, password));
        return user;
    }

    /// <summary>Whether the password is the user's; an unknown user (null) is checked against a decoy and never matches.</summary>
    public bool Verify(StaffUser? user, string password)
    {
        var checkedUser = user ?? decoy.Value;
        return hasher.VerifyHashedPassword(checkedUser, checkedUser.PasswordHash, password) != PasswordVerificationResult.Failed
            && user is not null;
    }
}
