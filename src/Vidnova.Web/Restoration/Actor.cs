using Vidnova.Kernel;

namespace Vidnova.Restoration;

/// <summary>Who did something to an application: the customer, the system, a staff member or a DSO.</summary>
public enum ActorKind
{
    Customer,
    System,
    Staff,
    Dso,

    /// <summary>The DSO's bank statement, whether its system posted it or staff uploaded the file.</summary>
    DsoStatement,
}

/// <summary>
/// An actor and its id (a staff login, a DSO code). Its string form, <c>staff:olena</c> or <c>dso:kyiv-city</c>, is
/// what the API's <c>actor</c> field shows and what the modules pass around; <see cref="Parse"/> reads it back.
/// </summary>
internal readonly record struct Actor(ActorKind Kind, string? Id)
{
    public static Actor Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var (prefix, id) = colon < 0 ? (text, null) : (text[..colon], text[(colon + 1)..]);
        return prefix switch
        {
            "customer" => new(ActorKind.Customer, id),
            "system" => new(ActorKind.System, id),
            "staff" => new(ActorKind.Staff, id),
            "dso" => new(ActorKind.Dso, id),
            "dso-statement" => new(ActorKind.DsoStatement, id),
            _ => throw new FormatException($"Unknown actor '{text}'."),
        };
    }

    public static string KindName(ActorKind kind) => kind switch
    {
        ActorKind.Customer => "customer",
        ActorKind.System => "system",
        ActorKind.Staff => "staff",
        ActorKind.Dso => "dso",
        ActorKind.DsoStatement => "dso-statement",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ActorKind ParseKind(string name) => Parse(name).Kind;

    public override string ToString() => Id is null ? KindName(Kind) : $"{KindName(Kind)}:{Id}";

    public static implicit operator string(Actor actor) => actor.ToString();
}

internal static class Actors
{
    public static readonly Actor Customer = new(ActorKind.Customer, null);
    public static readonly Actor System = new(ActorKind.System, null);

    public static Actor Staff(string login) => new(ActorKind.Staff, login);

    public static Actor Dso(DsoCode code) => new(ActorKind.Dso, code.ToString());

    /// <summary>The DSO's bank statement, whether its system posted it or staff uploaded the file.</summary>
    public static Actor DsoStatement(DsoCode code) => new(ActorKind.DsoStatement, code.ToString());
}
