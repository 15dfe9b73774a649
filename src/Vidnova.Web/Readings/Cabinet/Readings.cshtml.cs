using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Localization;
using Vidnova.Problems;
using Vidnova.Readings.Reminders;

namespace Vidnova.Readings.Cabinet;

/// <summary>
/// The reading form of one of the login's accounts: a field per zone of its meter with the previous value, what the
/// typed values make (kWh and the expected amount, live with script and by «Порахувати» without), the reading window
/// in plain words, the confirmation step a rollover or an unusual jump asks for, and the account's past readings.
/// The reading goes through <see cref="SubmitReading"/>, as the app's <c>POST …/me/accounts/{number}/readings</c>.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
internal sealed class CabinetReadingsModel(
    ICustomerAccounts links,
    IPersonalAccounts accounts,
    IMeterReadings readings,
    IReadingCosts costs,
    SubmitReading submit,
    ReadingReminderChoice reminders,
    IOptions<ReadingReminderOptions> reminderOptions,
    IClock clock,
    IStringLocalizer<SharedResource> text) : PageModel, IShowsRefusals
{
    /// <summary>The field the form-level sentences stand beside.</summary>
    public const string FormField = "";

    [FromRoute]
    public string? AccountNumber { get; set; }

    [BindProperty]
    public string? TakenOn { get; set; }

    /// <summary>The values as typed, by the API's zone names (<c>total</c>, <c>day</c>, …).</summary>
    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = [];

    [BindProperty]
    public bool Confirm { get; set; }

    public PersonalAccountSummary Account { get; private set; } = null!;

    public MeterSummary? Meter { get; private set; }

    /// <summary>Every reading of the account, newest first.</summary>
    public IReadOnlyList<ReadingRecord> History { get; private set; } = [];

    public LocalDate Today { get; private set; }

    /// <summary>Sentences by field: a zone's API name, <c>takenOn</c>, or <see cref="FormField"/> for the form as a whole.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The question of the confirmation step (a rollover, an unusual jump); null when none is asked.</summary>
    public string? ConfirmQuestion { get; private set; }

    /// <summary>What the typed values make, after «Порахувати» without script.</summary>
    public string? Preview { get; private set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>This login asked to be reminded by email to send this account's readings.</summary>
    public bool RemindersOn { get; private set; }

    /// <summary>The day of the month the reminders start (<c>Readings:Reminders:FromDay</c>).</summary>
    public int RemindersFromDay => reminderOptions.Value.FromDay;

    public LocalDate TakenOnDate => LocalDatePattern.Iso.Parse(TakenOn ?? "") is { Success: true } parsed && parsed.Value.Year >= 2000 ? parsed.Value : Today;

    /// <summary>The reading the new one is checked against: the newest one taken before its day.</summary>
    public ReadingRecord? Previous => Meter is null ? null : History.FirstOrDefault(r => r.Meter.Id == Meter.Id && r.TakenOn < TakenOnDate)
        ?? History.FirstOrDefault(r => r.Meter.Id == Meter.Id);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>The live preview the script asks for as the customer types: the window and what the values make.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(string? takenOn, CancellationToken cancellationToken)
    {
        TakenOn = takenOn;
        Values = Request.Query.Where(q => MeterZoneNames.Parse(q.Key) is not null).ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        if (!await LoadAsync(cancellationToken) || Meter is null)
        {
            return NotFound();
        }

        return new JsonResult(new { window = Window, preview = await PreviewAsync(cancellationToken) });
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Preview = Meter is null ? null : await PreviewAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Meter is null)
        {
            return Page();
        }

        var values = new Dictionary<string, decimal>();
        foreach (var zone in Meter.Scheme.Zones)
        {
            var name = MeterZoneNames.Of(zone);
            if (string.IsNullOrWhiteSpace(Values.GetValueOrDefault(name)))
            {
                Errors[name] = text["Введіть показання зони «{0}» — цифри до коми на лічильнику.", text[ReadingForm.ZoneName(zone)]];
            }
            else if (!ReadingForm.TryParseValue(Values[name], out var value))
            {
                Errors[name] = text["Показання — число з лічильника, наприклад 12345 або 12345,6."];
            }
            else
            {
                values[name] = value;
            }
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var loginId = CustomerPrincipal.RequiredLoginIdOf(User);
        var result = await submit.HandleAsync(Account.Number, TakenOn, values, Confirm, ReadingSource.Customer, $"customer:{loginId}", cancellationToken);
        var culture = CultureInfo.CurrentCulture;
        var kwh = ReadingForm.Kwh(result.Reading.Consumption.Total.Value, culture);
        var month = ReadingForm.Month(result.Reading.Period, culture);
        Done = result.ExpectedAmount is { } amount
            ? text["Показання прийнято за {0}: {1} кВт·год, орієнтовно {2}.", month, kwh, amount.ToString()]
            : text["Показання прийнято за {0}: {1} кВт·год.", month, kwh];
        return Redirect($"/cabinet/accounts/{Account.Number}/readings#done");
    }

    /// <summary>The checkbox «Нагадувати»: on or off for this login and account.</summary>
    public async Task<IActionResult> OnPostRemindersAsync(bool remind, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await reminders.SetAsync(CustomerPrincipal.RequiredLoginIdOf(User), Account.Number, remind, cancellationToken);
        Done = remind
            ? text["Нагадування увімкнено: з {0} числа, якщо показання за місяць ще не передано, ми надішлемо лист.", RemindersFromDay]
            : text["Нагадування вимкнено."];
        return Redirect($"/cabinet/accounts/{Account.Number}/readings#done");
    }

    public async Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        foreach (var (field, sentences) in refusal.FieldErrors)
        {
            Errors[field.StartsWith("values.", StringComparison.Ordinal) ? field["values.".Length..] : field == "takenOn" ? "takenOn" : FormField] = string.Join(" ", sentences);
        }

        var typed = Typed();
        switch (refusal.Code)
        {
            case "reading_in_future" or "reading_before_installation" or "reading_before_latest":
                Errors["takenOn"] = refusal.Sentence;
                break;
            case "implausible_jump" when Previous is { } previous && ReadingForm.Make(Meter!, previous.Values, typed).Consumption is { } consumption:
                ConfirmQuestion = text["Ці показання дають {0} кВт·год з {1:dd.MM.yyyy} — значно більше, ніж зазвичай. Перевірте цифри на лічильнику; якщо все правильно, підтвердьте.",
                    ReadingForm.Kwh(consumption.Total.Value, CultureInfo.CurrentCulture), previous.TakenOn.ToDateOnly()];
                break;
            case "reading_below_previous" when Previous is { } previous:
                var below = Meter!.Scheme.Zones.Where(z => typed.TryGetValue(z, out var v) && v < previous.Values[z]).ToList();
                if (!Confirm && below.Count > 0 && below.All(z => ReadingRules.IsRollover(previous.Values[z], typed[z], Meter.Digits)))
                {
                    ConfirmQuestion = text["Показання менші за попередні ({0}). Так буває, коли лічильник ({1} розрядів) перейшов через нуль. Якщо на лічильнику саме ці цифри, підтвердьте.",
                        string.Join(", ", below.Select(z => $"{text[ReadingForm.ZoneName(z)]} {ReadingForm.Kwh(previous.Values[z].Value, CultureInfo.CurrentCulture)}")), Meter.Digits];
                }
                else
                {
                    var zone = below.Count > 0 ? MeterZoneNames.Of(below[0]) : FormField;
                    Errors[zone] = text["Показання менші за попередні ({0} на {1:dd.MM.yyyy}). Перевірте цифри на лічильнику.",
                        below.Count > 0 ? ReadingForm.Kwh(previous.Values[below[0]].Value, CultureInfo.CurrentCulture) : previous.Values.ToString(),
                        previous.TakenOn.ToDateOnly()];
                }

                break;
            default:
                if (refusal.FieldErrors.Count == 0)
                {
                    Errors[FormField] = refusal.Sentence;
                }

                break;
        }

        if (ConfirmQuestion is not null)
        {
            // A question, not an error: the values stand, the customer confirms them or corrects them.
            Response.StatusCode = StatusCodes.Status200OK;
        }

        Confirm = false;
        return Page();
    }

    /// <summary>Who sent a reading, in the customer's words (the resources translate it).</summary>
    public static string SourceText(ReadingSource source) => source switch
    {
        ReadingSource.Customer => "передано з кабінету",
        ReadingSource.Staff => "вніс постачальник",
        ReadingSource.Dso => "зняв оператор системи розподілу",
        ReadingSource.Partner => "передано через партнера",
        ReadingSource.Installation => "при встановленні лічильника",
        ReadingSource.Removal => "при знятті лічильника",
        _ => source.ToString(),
    };

    /// <summary>The window sentence for the day the form's reading is taken.</summary>
    public string Window => ReadingForm.WindowSentence(TakenOnDate, text, CultureInfo.CurrentCulture);

    /// <summary>The first field with an error, in the form's order, to be focused when the page comes back.</summary>
    public string? FirstError => Meter is null
        ? null
        : Errors.ContainsKey("takenOn") ? "takenOn" : Meter.Scheme.Zones.Select(MeterZoneNames.Of).FirstOrDefault(Errors.ContainsKey);

    private Dictionary<MeterZone, Kwh> Typed()
    {
        var typed = new Dictionary<MeterZone, Kwh>();
        foreach (var (name, raw) in Values)
        {
            if (MeterZoneNames.Parse(name) is { } zone && ReadingForm.TryParseValue(raw, out var value) && Kwh.TryParse(value, out var kwh))
            {
                typed[zone] = kwh;
            }
        }

        return typed;
    }

    private async Task<string> PreviewAsync(CancellationToken cancellationToken)
    {
        if (Previous is not { } previous)
        {
            return "";
        }

        var culture = CultureInfo.CurrentCulture;
        var (consumption, below) = ReadingForm.Make(Meter!, previous.Values, Typed());
        if (below.Count > 0)
        {
            return text["Показання зони «{0}» менші за попередні ({1}). Перевірте цифри; якщо лічильник перейшов через нуль, ми попросимо це підтвердити.",
                text[ReadingForm.ZoneName(below[0])], ReadingForm.Kwh(previous.Values[below[0]].Value, culture)];
        }

        if (consumption is null)
        {
            return text["Введіть показання, щоб побачити, скільки кВт·год вони дають і яка орієнтовна сума."];
        }

        var zones = Meter!.Scheme.Count == 1
            ? ""
            : " (" + string.Join(", ", consumption.Values.Select(v => $"{text[ReadingForm.ZoneName(v.Key)]} {ReadingForm.Kwh(v.Value.Value, culture)}")) + ")";
        var period = ReadingWindow.PeriodOf(TakenOnDate);
        var amount = await costs.ExpectedAmountAsync(Account.Number, period, Meter.Scheme, consumption, cancellationToken);
        var kwh = ReadingForm.Kwh(consumption.Total.Value, culture);
        return amount is { } expected
            ? text["Це {0} кВт·год{1} з {2:dd.MM.yyyy} — орієнтовно {3} за {4}.", kwh, zones, previous.TakenOn.ToDateOnly(), expected.ToString(), ReadingForm.Month(period, culture)]
            : text["Це {0} кВт·год{1} з {2:dd.MM.yyyy}.", kwh, zones, previous.TakenOn.ToDateOnly()];
    }

    /// <summary>False when the account is not this login's: a plain 404, as for one that does not exist.</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var loginId = CustomerPrincipal.RequiredLoginIdOf(User);
        Kernel.AccountNumber number;
        try
        {
            number = await links.RequireLinkedAsync(loginId, AccountNumber, cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        if (await accounts.FindAsync(number, cancellationToken) is not { } account)
        {
            return false;
        }

        Account = account;
        Today = KyivTime.DateOf(clock.GetCurrentInstant());
        Meter = await readings.CurrentMeterAsync(number, cancellationToken);
        History = await readings.HistoryAsync(number, cancellationToken);
        RemindersOn = await reminders.IsOnAsync(loginId, number, cancellationToken);
        return true;
    }
}
