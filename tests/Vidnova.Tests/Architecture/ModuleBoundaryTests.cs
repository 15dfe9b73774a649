using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using Microsoft.EntityFrameworkCore;
using Vidnova.Persistence;

namespace Vidnova.Tests.Architecture;

/// <summary>
/// The module boundaries of the monolith, read from the compiled host. A module is a top-level namespace under
/// <c>Vidnova.</c>; <see cref="SharedInfrastructure"/> may be used by every module and <see cref="Composition"/> wires
/// them together. Today's violations are listed in the allowlists below, each with the issue-10 item that removes it;
/// an entry that no longer occurs fails the test too, so the lists only shrink.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly HashSet<string> SharedInfrastructure = ["Kernel", "Problems", "Persistence", "Localization", "Shared"];

    private static readonly HashSet<string> Composition = ["Hosting", "Demo"];

    /// <summary>
    /// Module dependencies that close a cycle, as "From -> To": the edge that goes the wrong way and will be cut.
    /// </summary>
    private static readonly Dictionary<string, string> AllowedCycleEdges = new()
    {
        // None left: the modules form no cycle, and this test keeps it so.
    };

    /// <summary>A module's types that use another module's entity, as "Module -> entity type".</summary>
    private static readonly Dictionary<string, string> AllowedEntityReads = new()
    {
        // Foreign keys only, declared in the referenced row's owner or the referencing one, with no navigation: the
        // database keeps the rows consistent, the code never reaches the other module's entity. Declaring them from
        // the other side would close a module cycle (Ledger and Dso know nothing of Accounts and Restoration).
        ["Accounts -> Vidnova.Ledger.AccountBalance"] = "persistence configuration: the balance row's foreign key to the account row (HasOne, no navigation)",
        ["Accounts -> Vidnova.Ledger.LedgerEntry"] = "persistence configuration: the journal's foreign key to the account row (HasMany, no navigation)",
        ["Restoration -> Vidnova.Accounts.PersonalAccount"] = "persistence configuration: the application's foreign key to the account row (HasOne, no navigation)",
        ["Restoration -> Vidnova.Dso.DistributionOperator"] = "persistence configuration: a statement line's foreign key to the DSO row (HasOne, no navigation)",
    };

    /// <summary>Domain types that reference ASP.NET Core or EF Core, as "type -> referenced namespace root".</summary>
    private static readonly Dictionary<string, string> AllowedFrameworkReferences = new()
    {
        ["Vidnova.Customers.CustomerLogin -> Microsoft.AspNetCore"] = "a customer login is ASP.NET Core Identity's user (IdentityUser), by choice: Identity keeps its passwords, lockout and second factor",
    };

    private static readonly Lazy<ArchitectureFacts> Facts = new(ArchitectureFacts.Read);

    [Fact]
    public void Modules_DependOnEachOtherWithoutCycles()
    {
        var facts = Facts.Value;
        var graph = facts.ModuleGraph();
        var stale = AllowedCycleEdges.Keys.Where(edge =>
        {
            var (from, to) = SplitEdge(edge);
            // Stale once the dependency is gone, or once it no longer closes a cycle (the way back was cut).
            return !graph.TryGetValue(from, out var targets) || !targets.Contains(to) || !Reaches(graph, to, from, skip: null);
        }).ToList();
        Assert.True(stale.Count == 0, $"No longer needed in {nameof(AllowedCycleEdges)}, remove: {string.Join(", ", stale)}");

        var allowed = AllowedCycleEdges.Keys.Select(SplitEdge).ToHashSet();
        var cycle = FindCycle(graph, allowed);
        Assert.True(cycle is null, cycle is null ? "" :
            $"Modules depend on each other in a cycle: {string.Join(" -> ", cycle)}; because of:\n"
            + string.Join("\n", cycle.Zip(cycle.Skip(1)).Select(step => $"  {step.First} -> {step.Second}: {facts.Example(step.First, step.Second)}"))
            + "\nEvery dependency on a cycle: " + string.Join(", ", graph.SelectMany(g => g.Value.Select(to => (From: g.Key, To: to)))
                .Where(e => !allowed.Contains(e) && Reaches(graph, e.To, e.From, allowed)).Select(e => $"{e.From} -> {e.To}").Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Modules_DoNotUseEachOthersEntities()
    {
        var facts = Facts.Value;
        var reads = facts.Dependencies
            .Where(d => IsModule(d.FromModule) && IsModule(d.ToModule) && d.FromModule != d.ToModule && facts.Entities.Contains(d.To))
            .GroupBy(d => $"{d.FromModule} -> {d.To}")
            .ToDictionary(g => g.Key, g => g.First().From);
        AssertMatchesAllowlist(reads, AllowedEntityReads, nameof(AllowedEntityReads),
            "A module uses another module's entity; call that module's published interface or query instead");
    }

    [Fact]
    public void Modules_UseOnlyWhatOtherModulesPublish()
    {
        // One assembly: the compiler lets any module use another's internal types, so this test is the fence.
        var facts = Facts.Value;
        var offending = facts.Dependencies
            .Where(d => IsModule(d.FromModule) && IsModule(d.ToModule) && d.FromModule != d.ToModule && !facts.PublicTypes.Contains(d.To))
            .Select(d => $"  {d.From} uses {d.To}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(offending.Count == 0,
            "A module uses a type another module keeps internal; use what it publishes (its public interfaces and records), "
            + $"or publish it:\n{string.Join("\n", offending)}");
    }

    [Fact]
    public void DomainTypes_DoNotReferenceAspNetCoreOrEntityFrameworkCore()
    {
        var facts = Facts.Value;
        var references = facts.FrameworkReferences
            .Where(r => facts.Entities.Contains(r.Type) || ModuleOf(r.Type) == "Kernel")
            .GroupBy(r => $"{r.Type} -> {r.Framework}")
            .ToDictionary(g => g.Key, g => g.First().Target);
        AssertMatchesAllowlist(references, AllowedFrameworkReferences, nameof(AllowedFrameworkReferences),
            "A domain type (an entity or a kernel type) references ASP.NET Core or EF Core; map it in its entity configuration or at the edge");
    }

    [Fact]
    public void Kernel_DependsOnNoModule()
    {
        var offending = Facts.Value.Dependencies
            .Where(d => d.FromModule == "Kernel" && (IsModule(d.ToModule) || Composition.Contains(d.ToModule ?? "")))
            .Select(d => $"{d.From} -> {d.To}")
            .Distinct()
            .ToList();
        Assert.True(offending.Count == 0, $"The kernel is shared by every module and depends on none: {string.Join(", ", offending)}");
    }

    [Fact]
    public void Facts_SeeTheModulesAndTheirEntities()
    {
        // The rules above pass vacuously if the reading goes wrong; these are known to exist.
        var facts = Facts.Value;
        Assert.Contains("Vidnova.Restoration.RestorationApplication", facts.Entities);
        Assert.Contains(facts.Dependencies, d => d.FromModule == "Restoration" && d.ToModule == "Kernel");
        Assert.Contains(facts.FrameworkReferences, r => r.Framework == "Microsoft.EntityFrameworkCore");
        Assert.Contains("Vidnova.Ledger.ILedger", facts.PublicTypes);
        Assert.DoesNotContain("Vidnova.Ledger.AccountLedger", facts.PublicTypes);
    }

    private static void AssertMatchesAllowlist(Dictionary<string, string> found, Dictionary<string, string> allowlist, string name, string rule)
    {
        var stale = allowlist.Keys.Where(key => !found.ContainsKey(key)).ToList();
        Assert.True(stale.Count == 0, $"No longer occurs, remove from {name}: {string.Join(", ", stale)}");
        var violations = found.Where(f => !allowlist.ContainsKey(f.Key)).Select(f => $"  {f.Key} (in {f.Value})").ToList();
        Assert.True(violations.Count == 0, $"{rule}:\n{string.Join("\n", violations)}");
    }

    private static bool IsModule(string? module) =>
        module is not null && !SharedInfrastructure.Contains(module) && !Composition.Contains(module);

    internal static string? ModuleOf(string typeFullName) =>
        typeFullName.StartsWith("Vidnova.", StringComparison.Ordinal) && typeFullName.IndexOf('.', "Vidnova.".Length) is var end and > 0
            ? typeFullName["Vidnova.".Length..end]
            : null;

    private static (string From, string To) SplitEdge(string edge) =>
        edge.Split(" -> ") is [var from, var to] ? (from, to) : throw new ArgumentException($"Not 'From -> To': {edge}");

    private static bool Reaches(Dictionary<string, HashSet<string>> graph, string from, string to, HashSet<(string, string)>? skip)
    {
        var seen = new HashSet<string> { from };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var current))
        {
            if (current == to)
            {
                return true;
            }

            foreach (var next in graph.GetValueOrDefault(current, []).Where(n => skip is null || !skip.Contains((current, n))))
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return false;
    }

    /// <summary>The shortest cycle left once the allowed edges are taken out, as a path that ends where it starts.</summary>
    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph, HashSet<(string, string)> allowed)
    {
        List<string>? shortest = null;
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            var previous = new Dictionary<string, string>();
            var queue = new Queue<string>([start]);
            while (queue.TryDequeue(out var current))
            {
                foreach (var next in graph[current].Where(n => !allowed.Contains((current, n))).Order(StringComparer.Ordinal))
                {
                    if (next == start)
                    {
                        var path = new List<string> { start };
                        for (var at = current; at != start; at = previous[at])
                        {
                            path.Insert(1, at);
                        }

                        path.Add(start);
                        if (shortest is null || path.Count < shortest.Count)
                        {
                            shortest = path;
                        }
                    }
                    else if (!previous.ContainsKey(next) && next != start)
                    {
                        previous[next] = current;
                        queue.Enqueue(next);
                    }
                }
            }
        }

        return shortest;
    }

    private sealed record Dependency(string From, string? FromModule, string To, string? ToModule);

    private sealed record FrameworkReference(string Type, string Framework, string Target);

    private sealed class ArchitectureFacts
    {
        private static readonly string[] Frameworks = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore"];

        public required IReadOnlyList<Dependency> Dependencies { get; init; }

        public required IReadOnlyList<FrameworkReference> FrameworkReferences { get; init; }

        /// <summary>The types visible outside the assembly: public, and nested only in public types.</summary>
        public required HashSet<string> PublicTypes { get; init; }

        /// <summary>The CLR types of the EF Core model, owned types included.</summary>
        public required HashSet<string> Entities { get; init; }

        public static ArchitectureFacts Read()
        {
            var architecture = new ArchLoader().LoadAssemblies(typeof(VidnovaDbContext).Assembly).Build();
            var dependencies = new List<Dependency>();
            var frameworkReferences = new List<FrameworkReference>();
            foreach (var type in architecture.Types)
            {
                var from = Named(type);
                foreach (var target in type.Dependencies.Select(d => d.Target).Distinct())
                {
                    var to = Named(target);
                    if (to.StartsWith("Vidnova.", StringComparison.Ordinal))
                    {
                        dependencies.Add(new Dependency(from, ModuleOf(from), to, ModuleOf(to)));
                    }
                    else if (Frameworks.FirstOrDefault(f => to == f || to.StartsWith(f + ".", StringComparison.Ordinal)) is { } framework)
                    {
                        frameworkReferences.Add(new FrameworkReference(from, framework, to));
                    }
                }
            }

            using var db = new SqliteVidnovaDbContext(new DbContextOptionsBuilder<SqliteVidnovaDbContext>().UseSqlite("Data Source=:memory:").Options);
            var entities = db.Model.GetEntityTypes().Select(e => e.ClrType.FullName!.Replace('+', '.'))
                .Where(name => name.StartsWith("Vidnova.", StringComparison.Ordinal))
                .ToHashSet();
            var byName = architecture.Types.GroupBy(t => t.FullName).ToDictionary(g => g.Key, g => g.First());
            var publicTypes = architecture.Types.Where(t => IsPublic(t, byName)).Select(Named).ToHashSet();
            return new ArchitectureFacts
            {
                Dependencies = dependencies,
                FrameworkReferences = frameworkReferences,
                Entities = entities,
                PublicTypes = publicTypes,
            };
        }

        /// <summary>The module dependency graph; every module has a node, even one nothing depends on.</summary>
        public Dictionary<string, HashSet<string>> ModuleGraph()
        {
            var graph = new Dictionary<string, HashSet<string>>();
            foreach (var d in Dependencies.Where(d => IsModule(d.FromModule) && IsModule(d.ToModule)))
            {
                graph.TryAdd(d.ToModule!, []);
                if (graph.TryGetValue(d.FromModule!, out var targets))
                {
                    targets.Add(d.ToModule!);
                }
                else
                {
                    graph[d.FromModule!] = [d.ToModule!];
                }
            }

            foreach (var (module, targets) in graph)
            {
                targets.Remove(module);
            }

            return graph;
        }

        public string Example(string fromModule, string toModule) =>
            string.Join(", ", Dependencies.Where(d => d.FromModule == fromModule && d.ToModule == toModule)
                .Select(d => $"{d.From} uses {d.To}").Distinct().Order(StringComparer.Ordinal).Take(3));

        private static bool IsPublic(IType type, Dictionary<string, IType> byName) =>
            type.Visibility == Visibility.Public
            && (!type.IsNested || (type.FullName.LastIndexOfAny(['+', '/']) is var nesting and > 0
                && byName.TryGetValue(type.FullName[..nesting], out var declaring) && IsPublic(declaring, byName)));

        /// <summary>Nested types by their declaring type's name with a dot, as EF Core and the allowlists write them.</summary>
        private static string Named(IType type) => type.FullName.Split('<', '`')[0].Replace('+', '.').Replace('/', '.').TrimEnd('.');
    }
}
