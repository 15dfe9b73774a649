using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Billing;
using Vidnova.Calendar;
using Vidnova.Dso;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Payments.Registries;
using Vidnova.Persistence;
using Vidnova.Readings;
using Vidnova.Staff;

namespace Vidnova.Demo;

/// <summary>Accounts, DSOs and staff to try Vidnova with (see the README's table). Seeded once into an empty database.</summary>
internal static class DemoData
{
    public const string StaffPassword = "vidnova-demo";
    public const string KyivCityDsoKey = "dso_demo_kyiv_city";
    public const string PrivatBankPartnerKey = "ppk_demo_privatbank";
    public const string UkrposhtaPartnerKey = "ppk_demo_ukrposhta";

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

        // Two payment partners with a key each; demo/registries holds a file of each to send (README).
        db.Add(PaymentPartner.Register("privatbank", "АТ КБ «ПриватБанк»", new PrivatBankRegistryFormat(RegistryEncodings.Windows1251), now));
        db.Add(PaymentPartner.Register("ukrposhta", "АТ «Укрпошта»", new CsvRegistryFormat(RegistryEncodings.Windows1251, ';', ',', 1,
            new CsvRegistryColumns(0, 1, 2, 3, 4, 5, null), "dd.MM.yyyy", new CsvRegistryFooter("РАЗОМ", 1, 3), RegistryNumberSource.FileName), now));
        db.Add(PaymentPartnerApiKey.Issue("privatbank", SecretTokens.Hash(PrivatBankPartnerKey), PrivatBankPartnerKey[..12], now));
        db.Add(PaymentPartnerApiKey.Issue("ukrposhta", SecretTokens.Hash(UkrposhtaPartnerKey), UkrposhtaPartnerKey[..12], now));

        await AccountAsync("1000000001", "Шевченко Тарас Григорович", "м. Київ, вул. Хрещатик, 1, кв. 5", "62Z100000000001Z", Settlement.City, city, SupplyStatus.DisconnectedForDebt, 0m);
        await AccountAsync("1000000002", "Коваленко Олена Петрівна", "м. Київ, просп. Перемоги, 20, кв. 14", "62Z100000000002X", Settlement.City, city, SupplyStatus.DisconnectedForDebt, 1_234.56m);
        await AccountAsync("1000000003", "Бондаренко Іван Миколайович", "м. Київ, вул. Січових Стрільців, 7, кв. 2", "62Z100000000003V", Settlement.City, city, SupplyStatus.Connected, 0m);
        await AccountAsync("1000000004", "Мельник Оксана Василівна", "Київська обл., с. Гора, вул. Садова, 3", "62Z100000000004T", Settlement.Rural, region, SupplyStatus.DisconnectedForDebt, 0m);
        await AccountAsync("1000000005", "Дем'янчук Андрій Іванович", "м. Бровари, вул. Гагаріна, 11, кв. 40", "62Z100000000005R", Settlement.City, region, SupplyStatus.DisconnectedForDebt, 0.01m);

        Meter("1000000001", "DEMO-0001", ZoneScheme.OneZone, (MeterZone.Total, 10_000m, 240m));
        Meter("1000000003", "DEMO-0003", ZoneScheme.TwoZone, (MeterZone.Day, 6_000m, 180m), (MeterZone.Night, 2_500m, 90m));
        Meter("1000000004", "DEMO-0004", ZoneScheme.ThreeZone, (MeterZone.Peak, 3_000m, 120m), (MeterZone.HalfPeak, 7_000m, 400m), (MeterZone.Night, 4_000m, 700m));
        db.Add(ElectricHeatingOption.Set(AccountNumber.Parse("1000000004"), new LocalDate(2024, 10, 1), true, now, "demo-data"));

        db.Add(passwords.NewUser("operator@vidnova.local", "Олена Оператор", StaffRoles.Operator, StaffPassword));
        db.Add(passwords.NewUser("supervisor@vidnova.local", "Марко Супервайзер", StaffRoles.Supervisor, StaffPassword));
        db.Add(passwords.NewUser("admin@vidnova.local", "Ірина Адміністратор", StaffRoles.Administrator, StaffPassword));
        await db.SaveChangesAsync(cancellationToken);

        // A meter installed three months ago with a reading at the end of each month since, for the reading form and the bills.
        void Meter(string number, string serial, ZoneScheme scheme, params (MeterZone Zone, decimal Start, decimal Monthly)[] zones)
        {
            var period = BillingPeriod.Containing(KyivTime.DateOf(now)).Previous.Previous.Previous;
            var meter = Readings.Meter.Install(AccountNumber.Parse(number), MeterSerialNumber.Parse(serial), scheme, 6, period.FirstDay, now, "demo-data");
            db.Add(meter);
            db.Add(MeterReading.Take(meter, meter.InstalledOn, ZoneKwh.Of(zones.Select(z => (z.Zone, z.Start)).ToArray()), ReadingSource.Installation, false, now, "demo-data"));
            for (var month = 1; month <= 3; month++, period = period.Next)
            {
                var values = ZoneKwh.Of(zones.Select(z => (z.Zone, z.Start + (z.Monthly * month))).ToArray());
                db.Add(MeterReading.Take(meter, period.LastDay, values, ReadingSource.Staff, false, now, "demo-data"));
            }
        }

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
