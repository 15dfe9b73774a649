using System.Text.Json;
using System.Text.RegularExpressions;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Hosting;

/// <summary>The published OpenAPI document describes the API the README promises: every endpoint and its body's fields.</summary>
public sealed partial class OpenApiDocumentTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly string[] Combinators = ["oneOf", "anyOf", "allOf"];

    [Fact]
    public async Task OpenApiDocument_DescribesEveryEndpointOfTheReadme_WithItsMethodAndBodyFields()
    {
        using var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var endpoints = ReadmeEndpoints();
        Assert.True(endpoints.Count >= 10, $"Read only {endpoints.Count} endpoints from the README's API table");

        var problems = new List<string>();
        foreach (var (method, path, description) in endpoints)
        {
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                problems.Add($"{method} {path} is not in the document");
                continue;
            }

            if (operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json))
            {
                var fields = Properties(document.RootElement, json.GetProperty("schema")).ToList();
                if (fields.Count == 0)
                {
                    problems.Add($"{method} {path}: its JSON body names no fields");
                }

                problems.AddRange(fields.Where(f => !description.Contains($"`{f}`", StringComparison.Ordinal))
                    .Select(f => $"{method} {path}: body field '{f}' is not in the README"));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static IEnumerable<string> Properties(JsonElement root, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = reference.GetString()!.TrimStart('#', '/').Split('/').Aggregate(root, (at, name) => at.GetProperty(name));
        }

        // An optional body is "this schema or null".
        var alternatives = Combinators.Where(k => schema.TryGetProperty(k, out _))
            .SelectMany(k => schema.GetProperty(k).EnumerateArray()).SelectMany(s => Properties(root, s));
        return schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).Concat(alternatives)
            : alternatives;
    }

    /// <summary>The rows of the README's API table: method, path without its query, and what the row says.</summary>
    private static List<(string Method, string Path, string Description)> ReadmeEndpoints()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        return readme.Select(line => ApiRow().Match(line)).Where(m => m.Success)
            .Select(m => (m.Groups["method"].Value, m.Groups["path"].Value.Split('?')[0], m.Groups["rest"].Value))
            .ToList();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Vidnova.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Vidnova.slnx) was not found");
    }

    [GeneratedRegex(@"^\| `(?<method>GET|POST|PUT|PATCH|DELETE) (?<path>/api/v1/[^`]+)` \|(?<rest>.*)$")]
    private static partial Regex ApiRow();
}
