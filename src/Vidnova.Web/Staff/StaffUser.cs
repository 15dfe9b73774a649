using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Vidnova.Staff;

/// <summary>A supplier employee who signs in to the back office. Passwords are kept as hashes set and checked by <see cref="StaffPasswords"/>.</summary>
internal sealed class StaffUser
{
    private StaffUser(Guid id, string login, string displayName, string role)
    {
        Id = id;
        Login = login;
        DisplayName = displayName;
        Role = role;
    }

    public Guid Id { get; private set; }

    public string Login { get; private set; }

    public string DisplayName { get; private set; }

    public string Role { get; private set; }

    public string PasswordHash { get; private set; } = "";

    /// <summary>Wrong passwords since the last sign-in or lockout (changed atomically by <see cref="StaffLockout"/>).</summary>
    public int FailedSignIns { get; private set; }

    /// <summary>Until then no password, not even the right one, signs this user in.</summary>
    public Instant? LockedUntil { get; private set; }

    /// <summary>A user without a password yet; <see cref="StaffPasswords.NewUser"/> gives them one.</summary>
    public static StaffUser Create(string login, string displayName, string role) =>
        new(Guid.NewGuid(), login.Trim().ToLowerInvariant(), displayName, role);

    public void SetPasswordHash(string passwordHash) => PasswordHash = passwordHash;
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.ToTable("staff_users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Login).HasMaxLength(254);
        builder.HasIndex(u => u.Login).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.Role).HasMaxLength(40);
        builder.Property(u => u.PasswordHash).HasMaxLength(200);
    }
}
