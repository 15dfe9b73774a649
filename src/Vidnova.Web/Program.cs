var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Vidnova");
app.Run();

public partial class Program;
