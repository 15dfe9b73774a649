using System.Net.Http.Json;
using NodaTime;
using Vidnova.Restoration.BackOffice;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Restoration.BackOffice;

/// <summary>The operators' queue is ordered and paged by the database: a page beyond the first shows the right rows, in order.</summary>
public abstract class QueuePagingTests(VidnovaApp app)
{
    private readonly Scenario _scenario = new(app);

    [Fact]
    public async Task Queue_WhenMoreApplicationsThanAPage_ShowsTheReceiptUnderReviewFirstAndTheNewestOnTheSecondPage()
    {
        await _scenario.RegisterDsoAsync();
        // One page and one more row of applications waiting for their e-mail confirmation, a minute apart, then one
        // with a receipt under review, submitted last but shown first.
        var waiting = new List<ApplyBody>();
        for (var i = 0; i < QueueModel.PageSize + 1; i++)
        {
            var account = $"36{i:D8}";
            await _scenario.PutAccountAsync(account);
            waiting.Add(await _scenario.ApplyAsync(account, email: $"client{i}@queue-paging.test"));
            app.Clock.Advance(Duration.FromMinutes(1));
        }

        await _scenario.PutAccountAsync("3700000001");
        var underReview = await ConfirmedAsync("3700000001", "review@queue-paging.test");
        (await _scenario.UploadAsync(underReview, Scenario.PdfReceipt)).EnsureSuccessStatusCode();
        await app.AddStaffAsync("olena@queue-paging.test");
        var staff = await app.SignInStaffAsync("olena@queue-paging.test");

        var first = await staff.GetStringAsync("/backoffice?q=queue-paging");
        var second = await staff.GetStringAsync("/backoffice?q=queue-paging&page=2");

        // The pager's text is HTML-encoded (Cyrillic as character references), so its links are what is looked for.
        Assert.Contains("rel=\"next\" href=\"/backoffice?q=queue-paging&amp;page=2\"", first, StringComparison.Ordinal);
        Assert.True(first.IndexOf(underReview.Number, StringComparison.Ordinal) < first.IndexOf(waiting[0].Number, StringComparison.Ordinal));
        Assert.Contains(waiting[^3].Number, first, StringComparison.Ordinal);
        Assert.DoesNotContain(waiting[^2].Number, first, StringComparison.Ordinal);

        Assert.Contains("rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain(underReview.Number, second, StringComparison.Ordinal);
        Assert.DoesNotContain(waiting[^3].Number, second, StringComparison.Ordinal);
        var older = second.IndexOf(waiting[^2].Number, StringComparison.Ordinal);
        var newest = second.IndexOf(waiting[^1].Number, StringComparison.Ordinal);
        Assert.True(older >= 0 && newest > older, "the second page shows the two newest waiting applications, oldest first");
    }

    private async Task<ApplyBody> ConfirmedAsync(string account, string email)
    {
        var applied = await _scenario.ApplyAsync(account, email);
        var code = await _scenario.ConfirmationCodeAsync(applied.Number);
        var response = await app.Customer(applied.AccessToken!).PostAsJsonAsync(
            $"/api/v1/restoration-applications/{applied.Id}/email-confirmation", new { code });
        response.EnsureSuccessStatusCode();
        return applied;
    }
}

public sealed class QueuePagingOnSqlite(SqliteApp app) : QueuePagingTests(app), IClassFixture<SqliteApp>;

public sealed class QueuePagingOnPostgres(PostgresApp app) : QueuePagingTests(app), IClassFixture<PostgresApp>;
