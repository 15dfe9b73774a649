using System.Net;
using Vidnova.Hosting;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.BackOffice;

/// <summary>
/// The back office's filters and forms refuse what no person types (NUL, escape) with a 400 naming the field, on
/// both databases — PostgreSQL would otherwise answer a NUL in a query parameter with 22021 and a 500.
/// </summary>
public abstract class BackOfficeTextLimitsTests(VidnovaApp app) : IAsyncLifetime
{
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        var email = $"admin-{Guid.NewGuid():N}@vidnova.test";
        await app.AddStaffAsync(email, StaffRoles.Administrator);
        _admin = await app.SignInStaffAsync(email);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/backoffice", "q")]
    [InlineData("/backoffice/mail", "q")]
    [InlineData("/backoffice/inbound-mail", "q")]
    [InlineData("/backoffice/dso-requests", "dso")]
    [InlineData("/backoffice/dso-deliveries", "dso")]
    public async Task Filter_WithANulCharacter_IsRefusedNamingTheFilter(string page, string filter)
    {
        var response = await _admin.GetAsync($"{page}?{filter}=%D0%A8%00%1B");

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_input", problem.Code);
        Assert.Equal([filter], problem.Errors!.Keys);
    }

    [Fact]
    public async Task Filter_WithOrdinaryText_StillSearches()
    {
        var response = await _admin.GetAsync("/backoffice?q=" + Uri.EscapeDataString("Шевченко"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class BackOfficeTextLimitsOnSqlite(SqliteApp app) : BackOfficeTextLimitsTests(app), IClassFixture<SqliteApp>;

public sealed class BackOfficeTextLimitsOnPostgres(PostgresApp app) : BackOfficeTextLimitsTests(app), IClassFixture<PostgresApp>;
