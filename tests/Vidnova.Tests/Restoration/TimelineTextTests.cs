using NodaTime;
using Vidnova.Restoration;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Restoration;

/// <summary>Issue 10, item 7: the timeline stores facts; sentences are rendered per language and per audience.</summary>
public sealed class TimelineTextTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);

    private static TimelineEntry Entry(string kind, Actor actor, params (string Key, string Value)[] data) =>
        TimelineEntry.Create(Now, kind, actor, data.ToDictionary(d => d.Key, d => d.Value));

    [Fact]
    public void SentToDso_ForTheCustomer_NamesTheDso_NotItsCode_InEitherLanguage()
    {
        var entry = Entry("sent_to_dso", Actors.System, ("dso", "kyiv-city"), ("dsoName", "ПрАТ «ДТЕК Київські електромережі»"));

        Assert.Equal("Заявку на відновлення передано ОСР «ПрАТ «ДТЕК Київські електромережі»».", Timelines.Describe(entry, TimelineAudience.Customer));
        Assert.Equal("Restoration request sent to the DSO “ПрАТ «ДТЕК Київські електромережі»”.",
            Timelines.Describe(entry, TimelineAudience.Customer, "en"));
        Assert.Equal("Заявку на відновлення передано ОСР (kyiv-city).", Timelines.Describe(entry, TimelineAudience.Staff));
        Assert.DoesNotContain("kyiv-city", Timelines.Describe(Entry("sent_to_dso", Actors.System, ("dso", "kyiv-city")), TimelineAudience.Customer),
            StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiptCheck_ForTheCustomer_SaysTheOutcome_ForStaffAlsoWhatWasReadAndEachCheck()
    {
        var entry = Entry("receipt_check_failed", Actors.System, ("outcome", "checks_failed"), ("failed", "Сума менша за рахунок."),
            ("read", "сума: 1 234,55 грн"), ("checks", "✓ IBAN ✗ Сума менша за рахунок."));

        var customer = Timelines.Describe(entry, TimelineAudience.Customer);
        var staff = Timelines.Describe(entry, TimelineAudience.Staff);
        var english = Timelines.Describe(entry, TimelineAudience.Customer, "en");

        Assert.Equal("Автоматична перевірка не пройдена — квитанцію перевірить оператор.", customer);
        Assert.Equal("Автоматична перевірка не пройдена (Сума менша за рахунок.) — квитанцію перевірить оператор. "
            + "Прочитано з квитанції — сума: 1 234,55 грн. Перевірки: ✓ IBAN ✗ Сума менша за рахунок.", staff);
        Assert.Equal("The automatic check did not pass; an operator will check the receipt.", english);
    }

    [Fact]
    public void InternalEntries_AreLeftOutForTheCustomer_AndShownToStaff()
    {
        var retried = Entry("dso_delivery_retried", Actors.Staff("olena"), ("event", "restoration_request"), ("attempts", "8"));
        var ocr = Entry("receipt_ocr", Actors.System, ("file", "photo.jpg"), ("reading", "IBAN: UA21…"));
        var statement = Entry("payment_confirmed", Actors.DsoStatement(Vidnova.Kernel.DsoCode.Parse("kyiv-city")), ("line", "ST-1/7"));

        Assert.Null(Timelines.Describe(retried, TimelineAudience.Customer));
        Assert.Null(Timelines.Describe(ocr, TimelineAudience.Customer));
        Assert.Equal("Оплату підтверджено банківською випискою ОСР.", Timelines.Describe(statement, TimelineAudience.Customer));
        Assert.Equal("Delivery to the DSO (restoration_request) resumed by hand after 8 failed attempts.",
            Timelines.Describe(retried, TimelineAudience.Staff, "en"));
        Assert.Contains("ST-1/7", Timelines.Describe(statement, TimelineAudience.Staff), StringComparison.Ordinal);
    }

    [Fact]
    public void AmountsAndDates_AreWrittenInTheLanguageOfTheReader()
    {
        var breach = Entry("sla_breached", Actors.System, ("deadline", "2026-11-30"), ("compensation", "1234.5"));

        Assert.Contains("до 30.11.2026 включно", Timelines.Describe(breach), StringComparison.Ordinal);
        Assert.Contains("1\u00A0234,50 грн", Timelines.Describe(breach), StringComparison.Ordinal);
        Assert.Contains("UAH 1,234.50", Timelines.Describe(breach, language: "en"), StringComparison.Ordinal);
    }

    [Fact]
    public void LegacyEntry_IsShownAsStored_ExceptTheCustomerGetsThePlainSentenceOfAnInternalOne()
    {
        var submitted = Entry("submitted", Actors.Customer, (TimelineEntry.LegacyText, "Заяву VN-2026-000001 подано; код підтвердження надіслано на a@b.ua."));
        var check = Entry("receipt_check_failed", Actors.System,
            (TimelineEntry.LegacyText, "Автоматична перевірка не пройдена (✗ Сума) — квитанцію перевірить оператор. Прочитано з квитанції — …"));
        var sent = Entry("sent_to_dso", Actors.System, (TimelineEntry.LegacyText, "Заявку на відновлення передано ОСР (kyiv-city)."));

        Assert.Equal("Заяву VN-2026-000001 подано; код підтвердження надіслано на a@b.ua.", Timelines.Describe(submitted, TimelineAudience.Customer));
        Assert.StartsWith("Автоматична перевірка не пройдена (✗ Сума)", Timelines.Describe(check, TimelineAudience.Staff), StringComparison.Ordinal);
        Assert.Equal("Автоматична перевірка не пройдена — квитанцію перевірить оператор.", Timelines.Describe(check, TimelineAudience.Customer));
        Assert.Equal("Restoration request sent to the DSO.", Timelines.Describe(sent, TimelineAudience.Customer, "en"));
        Assert.Equal("Заявку на відновлення передано ОСР (kyiv-city).", Timelines.Describe(sent, TimelineAudience.Staff));
    }

    [Theory]
    [InlineData("customer", ActorKind.Customer, null)]
    [InlineData("system", ActorKind.System, null)]
    [InlineData("staff:olena@vidnova.test", ActorKind.Staff, "olena@vidnova.test")]
    [InlineData("dso:kyiv-city", ActorKind.Dso, "kyiv-city")]
    [InlineData("dso-statement:kyiv-city", ActorKind.DsoStatement, "kyiv-city")]
    public void Actor_ReadsItsStringForm_AndWritesItBack(string text, ActorKind kind, string? id)
    {
        var actor = Actor.Parse(text);

        Assert.Equal(new Actor(kind, id), actor);
        Assert.Equal(text, actor.ToString());
    }
}
