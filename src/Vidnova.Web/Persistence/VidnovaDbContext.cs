using Microsoft.EntityFrameworkCore;

namespace Vidnova.Persistence;

/// <summary>
/// The one database of the monolith. Each capability maps its own entities with an
/// <see cref="IEntityTypeConfiguration{TEntity}"/> beside its domain types; they are picked up here.
/// </summary>
public sealed class VidnovaDbContext(DbContextOptions<VidnovaDbContext> options) : DbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ValueConversions.Register(configurationBuilder);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VidnovaDbContext).Assembly);
    }
}
