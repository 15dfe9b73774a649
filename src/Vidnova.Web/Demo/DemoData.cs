using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Dso;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Persistence;
using Vidnova.Staff;

namespace Vidnova.Demo;

/// <summary>Accounts, DSOs and staff to try Vidnova with (see the README's table). Seeded once into an empty database.</summary>
internal static class DemoData
{
    public const string StaffPassword = "vidnova-demo";
    public const string KyivCityDsoKey = "dso_demo_kyiv_city";

    public static async Task SeedAsync(VidnovaDbContext db, ILedger ledger, StaffPasswords passwords, IClock clock, CancellationToken cancellationToken)
    {
        if (await db.Set<DistributionOperator>().AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        var city = DistributionOperator.Register(DsoCode.Parse("kyiv-city"), "ПрАТ «ДТЕК Київські електромережі»",
            Edrpou.Parse("41946011"), Iban.Create("300528", "0000026000301234567"), Money.Uah(1_234.56m));
        var region = DistributionOperator.Register(DsoCode.Parse("kyiv-region"), "ПрАТ «ДТЕК Київські регіональні електромережі»",
            Edrpou.Parse("23243188"), Iban.Create("300528", "0000026000307654321"), Money.Uah(987.00m));
        db.AddRange(city, region);
        db.Add(DsoApiKey.Issue(city.Code, SecretTokens.Hash(KyivCityDsoKey), KyivCityDsoKey[..12], now));

        await AccountAsync("1000000001", "Шевченко Тарас Григорович", "м. Київ, вул. Хрещатик, 1, кв. 5", "62Z100000000001Z", Settlement.City, city, SupplyStatus.DisconnectedForDebt, 0m);
        await AccountAsync("1000000002", "Коваленко Олена Петрівна", "м. Київ, просп. Перемоги, 20, кв. 14", "62Z100000000002X", Settlement.City, city, SupplyStatus.DisconnectedForDebt, 1_234.56m);
        await AccountAsync("1000000003", "Бондаренко Іван Миколайович", "м. Київ, вул. Січових Стрільців, 7, кв. 2", "62Z100000000003V", Settlement.City, city, SupplyStatus.Connected, 0m);
        await AccountAsync("1000000004", "Мельник Оксана Василівна", "Київська обл., с. Гора, вул. Садова, 3", "62Z100000000004T", Settlement.Rural, region, SupplyStatus.DisconnectedForDebt, 0m);
        await AccountAsync("1000000005", "Дем'янчук Андрій Іванович", "м. Бровари, вул. Гагаріна, 11, кв. 40", "62Z100000000005R", Settlement.City, region, SupplyStatus.DisconnectedForDebt, 0.01m);

        db.Add(passwords.NewUser("operator@vidnova.local", "Олена Оператор", StaffRoles.Operator, StaffPassword));
        db.Add(passwords.NewUser("supervisor@vidnova.local", "Марко Супервайзер", StaffRoles.Supervisor, StaffPassword));
        db.Add(passwords.NewUser("admin@vidnova.local", "Ірина Адміністратор", StaffRoles.Administrator, StaffPassword));
        await db.SaveChangesAsync(cancellationToken);

        async Task AccountAsync(string number, string holder, string address, string eic, Settlement settlement, DistributionOperator dso, SupplyStatus status, decimal debt)
        {
            var account = PersonalAccount.Open(AccountNumber.Parse(number), holder, address, Eic.Parse(eic), settlement, dso.Code);
            if (account.CorrectSupplyStatus(status, "demo-data", now) is { } correction)
            {
                db.Add(correction);
            }

            db.Add(account);
            await ledger.ChargeAsync(account.Number, Money.Uah(1_500m + debt), now - Duration.FromDays(60), "Рахунок за електроенергію", cancellationToken);
            await ledger.RecordPaymentAsync(account.Number, Money.Uah(1_500m), now - Duration.FromDays(2), "demo-bank", $"demo-{number}", cancellationToken);
        }
    }
}
