using Vidnova.Hosting;
using Vidnova.UntrustedDocuments;

if (args is [UntrustedDocumentReader.Command, var kind])
{
    // A customer's file is read in a child process of ours (UntrustedDocumentReader), before any host is built.
    Environment.ExitCode = await ReadDocumentCommand.RunAsync(kind);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddVidnova();

var app = builder.Build();
if (args is ["migrate", ..])
{
    // `dotnet Vidnova.Web.dll migrate`: a deploy step that updates the schema once, then exits.
    await app.MigrateDatabaseAsync();
    return;
}

if (args is [Vidnova.Billing.Runs.BillCommand.Verb, var period])
{
    // `dotnet Vidnova.Web.dll bill 2026-11`, for cron: bills the period to the end in this process, then exits (BillCommand).
    Environment.ExitCode = await Vidnova.Billing.Runs.BillCommand.RunAsync(app.Services, period, Console.Out, CancellationToken.None);
    return;
}

await app.PrepareDatabaseAsync();
app.UseVidnova();
await app.RunAsync();

/// <summary>The host's entry point; public so integration tests can start it with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
