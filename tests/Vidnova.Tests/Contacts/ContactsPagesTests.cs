using System.Net;
using Microsoft.AspNetCore.Hosting;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Contacts;

/// <summary>A host whose contacts are the test's own, so the pages are seen to show configured data.</summary>
public class ContactsApp(DatabaseProvider provider) : VidnovaApp(provider)
{
    public const string SupplierPhone = "+380 44 111 22 33";
    public const string DsoPhone = "0 800 123 456";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Contacts:Supplier:Name", "ТОВ «Тестовий постачальник»");
        builder.UseSetting("Contacts:Supplier:Phone", SupplierPhone);
        builder.UseSetting("Contacts:Supplier:Email", "help@supplier.test");
        builder.UseSetting("Contacts:Supplier:Hours", "пн–пт 9:00–18:00");
        builder.UseSetting("Contacts:Dsos:kyiv-city:Name", "ПрАТ «Тестові електромережі»");
        builder.UseSetting("Contacts:Dsos:kyiv-city:Phone", DsoPhone);
        builder.UseSetting("Contacts:PayLinks:0:Name", "Чат-бот у Viber");
        builder.UseSetting("Contacts:PayLinks:0:Url", "viber://pa?chatURI=test");
    }
}

public sealed class ContactsSqliteApp() : ContactsApp(DatabaseProvider.Sqlite);

public sealed class ContactsPostgresApp() : ContactsApp(DatabaseProvider.Postgres);

/// <summary>
/// Issue 16, item 4: where a page says «зверніться до нас» or «до ОСР» it gives a way — the configured phone and
/// email, a help page with the journey, its deadlines and links to the ways to pay.
/// </summary>
public abstract class ContactsPagesTests(VidnovaApp app)
{
    [Fact]
    public async Task HelpPage_ShowsTheJourneyDeadlines_TheWaysToPayAsLinks_AndEveryConfiguredContact()
    {
        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/help"));

        Assert.Contains("протягом 3 робочих днів у містах і 5 робочих днів у сільській місцевості", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/cabinet\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"viber://pa?chatURI=test\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:+380441112233\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:help@supplier.test\"", html, StringComparison.Ordinal);
        Assert.Contains("ПрАТ «Тестові електромережі»", html, StringComparison.Ordinal);
        Assert.Contains(ContactsApp.DsoPhone, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_WhereItSaysContactUs_GivesThePhone_AndLinksToHelp()
    {
        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/"));

        Assert.Contains("Зверніться до нас", html, StringComparison.Ordinal);
        Assert.Contains(ContactsApp.SupplierPhone, html, StringComparison.Ordinal);
        Assert.Contains("href=\"/help#pay-debt\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/help\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyRefusedForDebt_GivesThePhone_AndLinksToTheWaysToPay()
    {
        var scenario = new Scenario(app);
        await scenario.RegisterDsoAsync();
        await scenario.PutAccountAsync("6170000001", debt: 250m);
        var client = app.CreateClient();
        var form = await client.GetStringAsync("/restoration/apply");

        var refused = await client.PostAsync("/restoration/apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryTokenIn(form),
            ["AccountNumber"] = "6170000001",
            ["HolderSurname"] = "Шевченко",
            ["Email"] = "taras@example.com",
            ["EmailConfirmation"] = "taras@example.com",
            ["Phone"] = "067 123 45 67",
        }));

        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Заяву не прийнято", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/help#pay-debt\"", html, StringComparison.Ordinal);
        Assert.Contains(ContactsApp.SupplierPhone, html, StringComparison.Ordinal);
    }
}

public sealed class ContactsPagesOnSqlite(ContactsSqliteApp app) : ContactsPagesTests(app), IClassFixture<ContactsSqliteApp>;

public sealed class ContactsPagesOnPostgres(ContactsPostgresApp app) : ContactsPagesTests(app), IClassFixture<ContactsPostgresApp>;
