using Vidnova.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddVidnova();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseVidnova();
await app.RunAsync();

/// <summary>The host's entry point; public so integration tests can start it with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
