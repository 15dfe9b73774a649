using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Payments.Registries;

internal sealed record UpsertPartnerCommand([Text(200)] string? Name, RegistryFormatInput? Format);

/// <summary>Registers a payment partner or changes its name and registry format.</summary>
internal sealed class RegisterPartner(VidnovaDbContext db, IClock clock)
{
    public async Task<(PaymentPartner Partner, bool Created)> HandleAsync(string? code, UpsertPartnerCommand command, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (!PaymentPartner.IsCode(code))
        {
            errors.Add("code", "Код партнера — від 2 до 32 малих латинських літер, цифр чи дефісів, наприклад privatbank.");
        }

        if (string.IsNullOrWhiteSpace(command.Name))
        {
            errors.Add("name", "Вкажіть назву партнера, як її бачитимуть працівники, наприклад АТ КБ «ПриватБанк».");
        }

        var format = RegistryFormat.Validate(command.Format, errors);
        errors.ThrowIfAny();

        var now = clock.GetCurrentInstant();
        return await db.RetryOnLostRaceAsync(async () =>
        {
            var partner = await db.Set<PaymentPartner>().SingleOrDefaultAsync(p => p.Code == code, cancellationToken);
            var created = partner is null;
            if (partner is null)
            {
                partner = PaymentPartner.Register(code!, command.Name!, format, now);
                db.Add(partner);
            }
            else
            {
                partner.Update(command.Name!, format, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            return (partner, created);
        });
    }
}

/// <summary>Issues a partner a fresh API key, the way a DSO's is issued: returned once, only its hash kept.</summary>
internal sealed class IssuePartnerApiKey(VidnovaDbContext db, IClock clock)
{
    public const string Prefix = "ppk_";

    public async Task<string> HandleAsync(string? code, CancellationToken cancellationToken)
    {
        if (!PaymentPartner.IsCode(code) || !await db.Set<PaymentPartner>().AnyAsync(p => p.Code == code, cancellationToken))
        {
            throw new NotFoundException("payment_partner_not_found", "Платіжного партнера з кодом {0} не зареєстровано. Спершу створіть його (PUT /api/v1/payment-partners/{0}).", code ?? "");
        }

        var key = $"{Prefix}{SecretTokens.NewAccessToken()}";
        db.Add(PaymentPartnerApiKey.Issue(code!, SecretTokens.Hash(key), key[..12], clock.GetCurrentInstant()));
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }
}
