using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage;

namespace Vidnova.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseSetup
{
    public static DatabaseProvider ProviderOf(IConfiguration configuration) =>
        configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);

    /// <summary>
    /// Registers <see cref="VidnovaDbContext"/> on the configured provider (<c>Database:Provider</c>), pooled: a
    /// request takes a context that is reset rather than built, options and services included, which the status read
    /// showed as a measurable part of its time (docs/performance.md). The context holds no state of its own besides
    /// what EF Core resets when it returns to the pool.
    /// </summary>
    public static IServiceCollection AddVidnovaDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        switch (ProviderOf(configuration))
        {
            case DatabaseProvider.Postgres:
                var connectionString = configuration.GetConnectionString("Vidnova")
                    ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Vidnova is not set.");
                // Npgsql's default strategy does not retry either, but it wraps a deadlock or serialization failure in an
                // InvalidOperationException. EF's plain strategy does not, so the loser of a race gets the same
                // DbUpdateException (and 409, see LostRace) on PostgreSQL as on SQLite.
                services.AddDbContextPool<VidnovaDbContext, PostgresVidnovaDbContext>(options =>
                    options.UseNpgsql(connectionString, npgsql => npgsql.ExecutionStrategy(dependencies => new NonRetryingExecutionStrategy(dependencies))));
                break;
            default:
                var sqlite = SqliteConnectionString(configuration, environment);
                services.AddDbContextPool<VidnovaDbContext, SqliteVidnovaDbContext>(options => options.UseSqlite(sqlite).AddInterceptors(BusyTimeout));
                break;
        }

        return services;
    }

    private static readonly SqliteBusyTimeout BusyTimeout = new();

    /// <summary>A relative SQLite path is taken from the content root, and its folder is created, so a fresh clone just runs.</summary>
    private static string SqliteConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var connection = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Vidnova") ?? "Data Source=data/vidnova.db");
        if (!string.IsNullOrEmpty(connection.DataSource) && connection.DataSource != ":memory:" && !Path.IsPathRooted(connection.DataSource))
        {
            connection.DataSource = Path.GetFullPath(connection.DataSource, environment.ContentRootPath);
        }

        if (Path.GetDirectoryName(connection.DataSource) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        return connection.ToString();
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteVidnovaDbContext</c> build the model without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVidnovaDbContext>
{
    public SqliteVidnovaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVidnovaDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresVidnovaDbContext</c> build the model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVidnovaDbContext>
{
    public PostgresVidnovaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVidnovaDbContext>().UseNpgsql("Host=localhost;Database=vidnova").Options);
}
