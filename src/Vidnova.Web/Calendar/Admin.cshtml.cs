using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Vidnova.Calendar;

/// <summary>Back-office page: the martial-law regime, holidays and one-off transfers of a year, and its calendar.</summary>
[Authorize(Policy = "Administrator")]
internal sealed class AdminModel(CalendarStore store, IClock clock) : PageModel
{
    public const string MartialLawForm = "martialLaw";
    public const string HolidayForm = "holiday";
    public const string TransferForm = "transfer";

    private const int MinYear = UkrainianPublicHolidays.FirstSupportedYear;
    private const int MaxYear = UkrainianPublicHolidays.LastSupportedYear;

    public int Year { get; private set; }

    public LocalDate Today { get; private set; }

    public WorkingDayCalendar Calendar { get; private set; } = new([], [], []);

    public MartialLawPeriod? MartialLaw { get; private set; }

    public IReadOnlyList<PublicHoliday> HolidaysOfYear { get; private set; } = [];

    public IReadOnlyList<DayTransfer> TransfersOfYear { get; private set; } = [];

    public IReadOnlyList<int> SelectableYears { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(int? year, CancellationToken ct) => await LoadAsync(year, ct);

    public async Task<IActionResult> OnPostMartialLawAsync(string? from, string? to, int? year, CancellationToken ct)
    {
        var start = ParseDate(from, MartialLawForm, "Вкажіть дату початку воєнного стану у форматі РРРР-ММ-ДД.");
        LocalDate? end = null;
        if (!string.IsNullOrWhiteSpace(to))
        {
            end = ParseDate(to, MartialLawForm, "Дата завершення воєнного стану має бути у форматі РРРР-ММ-ДД.");
        }

        if (start is { } s && end is { } e && e < s)
        {
            ModelState.AddModelError(MartialLawForm, "Дата завершення воєнного стану не може передувати даті початку.");
        }

        if (!ModelState.IsValid || start is null)
        {
            return await RedisplayAsync(year, ct);
        }

        await store.SetMartialLawAsync(start.Value, end, ct);
        StatusMessage = end is null
            ? $"Воєнний стан діє з {Display(start.Value)}."
            : $"Воєнний стан: з {Display(start.Value)} по {Display(end.Value)}.";
        return RedirectToPage(new { year });
    }

    public async Task<IActionResult> OnPostAddHolidayAsync(string? date, string? name, int? year, CancellationToken ct)
    {
        var day = ParseDate(date, HolidayForm, "Вкажіть дату свята у форматі РРРР-ММ-ДД.");
        var title = name?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            ModelState.AddModelError(HolidayForm, "Вкажіть назву свята.");
        }
        else if (title.Length > 200)
        {
            ModelState.AddModelError(HolidayForm, "Назва свята не може бути довшою за 200 символів.");
        }

        if (!ModelState.IsValid || day is null || title is null)
        {
            return await RedisplayAsync(year, ct);
        }

        if (!await store.AddHolidayAsync(day.Value, title, ct))
        {
            ModelState.AddModelError(HolidayForm, $"На {Display(day.Value)} свято вже внесено.");
            return await RedisplayAsync(year, ct);
        }

        StatusMessage = $"Свято «{title}» ({Display(day.Value)}) додано.";
        return RedirectToPage(new { year = day.Value.Year });
    }

    public async Task<IActionResult> OnPostDeleteHolidayAsync(string? date, int? year, CancellationToken ct)
    {
        var day = ParseDate(date, HolidayForm, "Невірна дата свята.");
        if (day is null)
        {
            return await RedisplayAsync(year, ct);
        }

        StatusMessage = await store.RemoveHolidayAsync(day.Value, ct)
            ? $"Свято {Display(day.Value)} видалено."
            : $"Свята на {Display(day.Value)} вже немає.";
        return RedirectToPage(new { year });
    }

    public async Task<IActionResult> OnPostAddTransferAsync(
        string? date, string? kind, string? note, int? year, CancellationToken ct)
    {
        var day = ParseDate(date, TransferForm, "Вкажіть дату перенесення у форматі РРРР-ММ-ДД.");
        bool? isWorkingDay = kind switch
        {
            "working" => true,
            "day-off" => false,
            _ => null,
        };
        if (isWorkingDay is null)
        {
            ModelState.AddModelError(TransferForm, "Оберіть, чим стає день: робочим чи вихідним.");
        }

        var text = note?.Trim() ?? "";
        if (text.Length > 400)
        {
            ModelState.AddModelError(TransferForm, "Примітка не може бути довшою за 400 символів.");
        }

        if (!ModelState.IsValid || day is null || isWorkingDay is null)
        {
            return await RedisplayAsync(year, ct);
        }

        await store.SetTransferAsync(day.Value, isWorkingDay.Value, text, ct);
        StatusMessage = $"{Display(day.Value)} — {(isWorkingDay.Value ? "робочий день" : "вихідний день")}.";
        return RedirectToPage(new { year = day.Value.Year });
    }

    public async Task<IActionResult> OnPostDeleteTransferAsync(string? date, int? year, CancellationToken ct)
    {
        var day = ParseDate(date, TransferForm, "Невірна дата перенесення.");
        if (day is null)
        {
            return await RedisplayAsync(year, ct);
        }

        StatusMessage = await store.RemoveTransferAsync(day.Value, ct)
            ? $"Перенесення {Display(day.Value)} видалено."
            : $"Перенесення на {Display(day.Value)} вже немає.";
        return RedirectToPage(new { year });
    }

    public IReadOnlyList<string> ErrorsFor(string form) =>
        ModelState.TryGetValue(form, out var entry) ? [.. entry.Errors.Select(e => e.ErrorMessage)] : [];

    public static string Display(LocalDate date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private async Task<PageResult> RedisplayAsync(int? year, CancellationToken ct)
    {
        await LoadAsync(year, ct);
        return Page();
    }

    private async Task LoadAsync(int? year, CancellationToken ct)
    {
        Today = KyivTime.DateOf(clock.GetCurrentInstant());
        Year = year is >= MinYear and <= MaxYear ? year.Value : Today.Year;
        Calendar = await store.LoadAsync(ct);
        MartialLaw = Calendar.MartialLawPeriods.Count > 0 ? Calendar.MartialLawPeriods[^1] : null;
        HolidaysOfYear = [.. Calendar.Holidays.Where(h => h.Date.Year == Year).OrderBy(h => h.Date)];
        TransfersOfYear = [.. Calendar.Transfers.Where(t => t.Date.Year == Year).OrderBy(t => t.Date)];

        var years = Calendar.Holidays.Select(h => h.Date.Year)
            .Concat(Calendar.Transfers.Select(t => t.Date.Year))
            .Concat(Enumerable.Range(Today.Year - 1, 3))
            .Append(Year)
            .Where(y => y is >= MinYear and <= MaxYear);
        SelectableYears = [.. years.Distinct().Order()];
    }

    private LocalDate? ParseDate(string? value, string form, string error)
    {
        var result = LocalDatePattern.Iso.Parse(value?.Trim() ?? "");
        if (result.Success && result.Value.Year is >= MinYear and <= MaxYear)
        {
            return result.Value;
        }

        ModelState.AddModelError(form, error);
        return null;
    }
}
