using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Browser;

/// <summary>Issue 9, item 7: under <c>script-src 'self'</c> the pages' scripts still run and the browser reports no violation.</summary>
public sealed partial class ContentSecurityPolicyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly Scenario _scenario = new(browser.App);

    [Fact]
    public async Task PortalPages_WorkUnderThePolicy_WithNoViolationInTheConsole()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("4100000001");
        var page = await browser.NewPageAsync();
        var violations = await WatchForViolationsAsync(page);

        // apply.js: the error summary takes the focus.
        await page.GotoAsync("/restoration/apply");
        await page.GetByRole(AriaRole.Button, new() { Name = "Подати заяву" }).ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToBeFocusedAsync();

        await page.FillAsync("#accountNumber", "4100000001");
        await page.FillAsync("#holderSurname", "Шевченко");
        await page.FillAsync("#email", "taras@example.com");
        await page.FillAsync("#emailConfirmation", "taras@example.com");
        await page.FillAsync("#phone", "067 123 45 67");
        await page.GetByRole(AriaRole.Button, new() { Name = "Подати заяву" }).ClickAsync();
        await page.WaitForURLAsync(ApplicationPage());

        // The way out of spent attempts: a new code by email; the old one no longer works.
        var number = (await page.Locator("h1").InnerTextAsync()).Split(' ').First(w => w.StartsWith("VN-", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Надіслати новий код" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Ми надіслали новий код");
        var mail = await browser.App.Mail.WaitForAsync(m => m.Subject.StartsWith("Новий код", StringComparison.Ordinal) && m.Subject.Contains(number, StringComparison.Ordinal), "with the new code");
        await page.FillAsync("#code", CodePattern().Match(mail.TextBody).Groups[1].Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Підтвердити email" }).ClickAsync();

        // status.js: the copy buttons are shown only by the script.
        await Assertions.Expect(page.Locator($"button[data-copy='{Scenario.DsoIban}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("img[src^='data:image/png']")).ToBeVisibleAsync();

        await page.GotoAsync("/backoffice/sign-in");
        await Assertions.Expect(page.Locator("input[type=email]")).ToBeVisibleAsync();

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task ApiReference_StillRendersUnderItsOwnPolicy()
    {
        var page = await browser.NewPageAsync(1280, 900);
        var violations = await WatchForViolationsAsync(page);

        await page.GotoAsync("/api/");

        await Assertions.Expect(page.GetByText("Vidnova API").First).ToBeVisibleAsync();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>The browser's own report of a blocked script, style or frame, and any console message that names the policy.</summary>
    private static async Task<List<string>> WatchForViolationsAsync(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.StartsWith("csp-violation", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('csp-violation ' + e.violatedDirective + ' ' + e.blockedURI));");
        return violations;
    }

    [GeneratedRegex(@"/restoration/[0-9a-f-]{36}$")]
    private static partial Regex ApplicationPage();

    [GeneratedRegex(@"код[^:]*:\s*(\d{6})", RegexOptions.IgnoreCase)]
    private static partial Regex CodePattern();
}
