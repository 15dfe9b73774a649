using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Dso;

internal sealed record UpsertDsoCommand(
    [Text(200)] string? Name, [Text(16)] string? Edrpou, [Text(34)] string? Iban, decimal? RestorationPrice, DsoChannelCommand? Channel = null);

/// <summary>How requests reach the DSO: <c>{"type":"webhook","url","secret"}</c>, <c>{"type":"email","address"}</c> or <c>{"type":"pull"}</c>.</summary>
internal sealed record DsoChannelCommand([Text(16)] string? Type, [Text(500)] string? Url, [Text(200)] string? Secret, [Text(254)] string? Address);

/// <summary>Registers a DSO or updates its requisites and the default line of its restoration price list.</summary>
internal sealed class RegisterDso(VidnovaDbContext db, IOptions<PaymentLimits> limits)
{
    public async Task<(DistributionOperator Dso, bool Created)> HandleAsync(string? codeText, UpsertDsoCommand command, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (!DsoCode.TryParse(codeText, out var code))
        {
            errors.Add("dsoCode", "Код ОСР — від 2 до 32 латинських літер, цифр чи дефісів, наприклад kyiv-city.");
        }

        if (string.IsNullOrWhiteSpace(command.Name))
        {
            errors.Add("name", "Вкажіть найменування ОСР — воно буде в рахунку як отримувач.");
        }

        if (!Edrpou.TryParse(command.Edrpou, out var edrpou))
        {
            errors.Add("edrpou", "Код ЄДРПОУ — 8 цифр з правильною контрольною цифрою.");
        }

        if (!Iban.TryParse(command.Iban, out var iban))
        {
            errors.Add("iban", "IBAN — 29 символів: UA, 2 контрольні цифри, код банку (6 цифр) і рахунок; контрольні цифри мають сходитися.");
        }

        if (!limits.Value.TryPositiveAmount(command.RestorationPrice, out var price))
        {
            errors.Add("restorationPrice", "Ціна послуги відновлення — додатна сума в гривнях з не більше ніж двома знаками після коми, до {0}.",
                Money.Uah(decimal.Round(limits.Value.MaxAmount, 2)));
        }

        var channel = ValidateChannel(command.Channel, errors);
        errors.ThrowIfAny();

        var dso = await db.Set<DistributionOperator>().SingleOrDefaultAsync(d => d.Code == code!.Value, cancellationToken);
        var created = dso is null;
        if (dso is null)
        {
            dso = DistributionOperator.Register(code!.Value, command.Name!, edrpou!.Value, iban!.Value, price);
            db.Add(dso);
        }
        else
        {
            dso.UpdateRequisites(command.Name!, edrpou!.Value, iban!.Value);
            dso.SetPrice(DistributionOperator.DefaultPriceLine, "Відновлення електропостачання", price);
        }

        switch (channel)
        {
            case (DsoChannelType.Webhook, { } url, { } secret, _):
                dso.UseWebhook(url, secret);
                break;
            case (DsoChannelType.Email, _, _, { } address):
                dso.UseEmail(address);
                break;
            case (DsoChannelType.Pull, _, _, _):
                dso.UsePull();
                break;
            default:
                // No channel sent: a new DSO pulls, an existing one keeps what it has.
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (dso, created);
    }

    private static (DsoChannelType Type, Uri? Url, string? Secret, string? Address)? ValidateChannel(DsoChannelCommand? channel, InputErrors errors)
    {
        switch (channel?.Type?.Trim().ToLowerInvariant())
        {
            case null when channel is null:
                return null;
            case "pull":
                return (DsoChannelType.Pull, null, null, null);
            case "email":
                if (!ContactDetails.TryNormaliseEmail(channel!.Address, out var address))
                {
                    errors.Add("channel.address", "Адреса email ОСР — одна повна адреса без імені, наприклад requests@dso.example; на неї надходитимуть заявки з вкладеннями JSON і CSV.");
                    return null;
                }

                return (DsoChannelType.Email, null, null, address);
            case "webhook":
                var urlOk = Uri.TryCreate(channel!.Url, UriKind.Absolute, out var url)
                    && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
                if (!urlOk)
                {
                    errors.Add("channel.url", "Адреса webhook — повна адреса https:// (http:// дозволено лише для localhost).");
                }

                if (string.IsNullOrEmpty(channel.Secret) || channel.Secret.Length < DistributionOperator.WebhookSecretMinLength || channel.Secret.Length > 200)
                {
                    errors.Add("channel.secret", "Секрет webhook — від 16 до 200 символів; ним підписуються запити в обидва боки.");
                }

                return urlOk ? (DsoChannelType.Webhook, url, channel.Secret, null) : null;
            default:
                errors.Add("channel.type", "Тип каналу має бути webhook, email або pull.");
                return null;
        }
    }
}

/// <summary>Issues a DSO a fresh API key. The key is returned once; only its hash is kept.</summary>
internal sealed class IssueDsoApiKey(VidnovaDbContext db, IClock clock)
{
    public async Task<string> HandleAsync(string? codeText, CancellationToken cancellationToken)
    {
        if (!DsoCode.TryParse(codeText, out var code) || !await db.Set<DistributionOperator>().AnyAsync(d => d.Code == code.Value, cancellationToken))
        {
            throw new NotFoundException("dso_not_found", "ОСР з кодом {0} не зареєстровано.", codeText ?? "");
        }

        var key = $"dso_{SecretTokens.NewAccessToken()}";
        db.Add(DsoApiKey.Issue(code.Value, SecretTokens.Hash(key), key[..12], clock.GetCurrentInstant()));
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }
}
