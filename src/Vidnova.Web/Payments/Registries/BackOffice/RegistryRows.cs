namespace Vidnova.Payments.Registries.BackOffice;

/// <summary>How a registry row's status reads in the back office.</summary>
internal static class RegistryRowDisplay
{
    public static string StatusName(RegistryRowStatus status) => status switch
    {
        RegistryRowStatus.Posted => "Зараховано",
        RegistryRowStatus.Unmatched => "Чекає рішення",
        RegistryRowStatus.Assigned => "Зараховано працівником",
        _ => "Повернуто партнерові",
    };

    public static string Badge(RegistryRowStatus status) => status switch
    {
        RegistryRowStatus.Posted or RegistryRowStatus.Assigned => "badge badge-ok",
        RegistryRowStatus.Unmatched => "badge badge-warn",
        _ => "badge badge-bad",
    };

    public static string? ReadingName(string? outcome) => outcome switch
    {
        null => null,
        "accepted" => "показання прийнято",
        _ => "показання не прийнято: " + outcome,
    };
}
