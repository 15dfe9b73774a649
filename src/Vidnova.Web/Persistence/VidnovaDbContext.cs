using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Vidnova.Persistence;

/// <summary>
/// The one database of the monolith. Each capability maps its own entities with an
/// <see cref="IEntityTypeConfiguration{TEntity}"/> beside its domain types; they are picked up here.
/// The provider-specific subclasses below exist only so each provider keeps its own migrations.
/// </summary>
public class VidnovaDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core Data Protection keys, shared by every instance so cookies and antiforgery tokens work behind a load balancer.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ValueConversions.Register(configurationBuilder);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VidnovaDbContext).Assembly);
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}

/// <summary>The embedded default: one SQLite file. Migrations in <c>Persistence/Migrations/Sqlite</c>.</summary>
public sealed class SqliteVidnovaDbContext(DbContextOptions<SqliteVidnovaDbContext> options) : VidnovaDbContext(options);

/// <summary>Production: PostgreSQL, several instances. Migrations in <c>Persistence/Migrations/Postgres</c>.</summary>
public sealed class PostgresVidnovaDbContext(DbContextOptions<PostgresVidnovaDbContext> options) : VidnovaDbContext(options);
