using Vidnova.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddVidnova();

var app = builder.Build();
if (args is ["migrate", ..])
{
    // `dotnet Vidnova.Web.dll migrate`: a deploy step that updates the schema once, then exits.
    await app.MigrateDatabaseAsync();
    return;
}

await app.PrepareDatabaseAsync();
app.UseVidnova();
await app.RunAsync();

/// <summary>The host's entry point; public so integration tests can start it with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
