using Microsoft.Extensions.Options;

namespace Vidnova.Contacts;

/// <summary>
/// Where a person can turn: the supplier's contacts and each DSO's, as configured data (<c>Contacts:Supplier</c>,
/// <c>Contacts:Dsos:{code}</c>, <c>Contacts:PayLinks</c>; docs/contacts.md), shown wherever a page says «зверніться».
/// </summary>
public static class ContactsModule
{
    public static IServiceCollection AddContactsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ContactsOptions>(configuration.GetSection(ContactsOptions.Section));
        services.AddSingleton<IContacts, ConfiguredContacts>();
        return services;
    }
}

/// <summary>How to reach someone: every field optional, so a partly configured card shows what it has.</summary>
public sealed record ContactCard
{
    public string Name { get; init; } = "";

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public string? Address { get; init; }

    public string? Hours { get; init; }

    /// <summary>The phone as a <c>tel:</c> link: digits and a leading plus only.</summary>
    public string? PhoneLink => Phone is null ? null : "tel:" + string.Concat(Phone.Where(c => char.IsAsciiDigit(c) || c == '+'));
}

/// <summary>A way to pay the debt online (a chatbot, the app), shown as a link on the help page.</summary>
public sealed record PayLink
{
    public string Name { get; init; } = "";

    public string Url { get; init; } = "";
}

/// <summary>The supplier's and the DSOs' contacts, read from configuration as it is now (a reload shows at once).</summary>
public interface IContacts
{
    ContactCard Supplier { get; }

    /// <summary>Every DSO with contacts configured, by code.</summary>
    IReadOnlyDictionary<string, ContactCard> Dsos { get; }

    IReadOnlyList<PayLink> PayLinks { get; }

    /// <summary>The DSO's card, or null when none is configured for that code.</summary>
    ContactCard? Dso(string code);
}

internal sealed class ContactsOptions
{
    public const string Section = "Contacts";

    public ContactCard Supplier { get; set; } = new();

    public Dictionary<string, ContactCard> Dsos { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public List<PayLink> PayLinks { get; set; } = [];
}

internal sealed class ConfiguredContacts(IOptionsMonitor<ContactsOptions> options) : IContacts
{
    public ContactCard Supplier => options.CurrentValue.Supplier;

    public IReadOnlyDictionary<string, ContactCard> Dsos => options.CurrentValue.Dsos;

    public IReadOnlyList<PayLink> PayLinks => options.CurrentValue.PayLinks;

    public ContactCard? Dso(string code) => options.CurrentValue.Dsos.GetValueOrDefault(code);
}
