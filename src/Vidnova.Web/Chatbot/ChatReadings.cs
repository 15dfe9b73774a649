using System.Globalization;
using Vidnova.Customers;
using Vidnova.Kernel;
using Vidnova.Problems;
using Vidnova.Readings;

namespace Vidnova.Chatbot;

/// <summary>
/// A meter reading in the chat, zone by zone: the bot asks each zone of the account's meter in the order a bill lists
/// them, then files the reading through <see cref="SubmitReading"/> as the app's <c>POST …/me/accounts/{accountNumber}/readings</c>
/// does (source <c>customer</c>), with the same checks; an unusual value (a rollover, a jump) is asked to be confirmed.
/// </summary>
internal sealed class ChatReadings(ICustomerAccounts customers, IMeterReadings meters, SubmitReading submit)
{
    public const string StartButton = "read";
    public const string ConfirmButton = "yes";
    public const string RetypeButton = "no";

    public async Task StartAsync(string number, ChatTurn turn, CancellationToken cancellationToken)
    {
        if (!AccountNumber.TryParse(number, out var account) || !await customers.IsLinkedAsync(turn.LoginId!.Value, account!.Value, cancellationToken))
        {
            turn.Ask(null);
            turn.Say(turn.T("Цього рахунку немає серед рахунків вашого кабінету. Оберіть рахунок:"));
            return;
        }

        var meter = await meters.CurrentMeterAsync(account.Value, cancellationToken);
        if (meter is null)
        {
            turn.Say(turn.T("На рахунку {0} ще не зареєстровано лічильника. Зверніться до постачальника, щоб його внесли.", account.Value.Value));
            return;
        }

        var latest = (await meters.HistoryAsync(account.Value, cancellationToken)).FirstOrDefault(r => r.Meter.Id == meter.Id);
        var zones = meter.Scheme.Zones.Select(MeterZoneNames.Of).ToList();
        var dialog = new ChatDialog(DialogStep.ReadingValue, account.Value.Value, zones);
        turn.Ask(dialog);
        var previous = latest is null ? "" : turn.T("Попередні показання на {0:dd.MM.yyyy}: {1}.", latest.TakenOn.ToDateOnly(), Describe(turn, latest.Values.ToNames())) + "\n";
        turn.Say(previous + Question(turn, dialog));
    }

    /// <summary>A typed answer: the value of the zone asked, or (while a confirmation is asked) a retyped reading.</summary>
    public async Task ValueAsync(ChatDialog dialog, string answer, ChatTurn turn, CancellationToken cancellationToken)
    {
        if (dialog.Step == DialogStep.ReadingConfirmation)
        {
            dialog = dialog with { Step = DialogStep.ReadingValue, Values = null };
        }

        var zone = dialog.NextZone!;
        if (!decimal.TryParse(answer.Replace(" ", "", StringComparison.Ordinal).Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                out var value))
        {
            turn.Say(turn.T("Надішліть лише число з лічильника, наприклад 12345.") + "\n" + Question(turn, dialog));
            return;
        }

        var next = dialog.With(zone, value);
        if (next.NextZone is not null)
        {
            turn.Ask(next);
            turn.Say(Question(turn, next));
            return;
        }

        await SubmitAsync(next, confirm: false, turn, cancellationToken);
    }

    public async Task ConfirmationAsync(bool confirmed, ChatTurn turn, CancellationToken cancellationToken)
    {
        if (turn.Dialog is not { Step: DialogStep.ReadingConfirmation } dialog)
        {
            turn.Say(turn.T("Ці показання вже не чекають підтвердження. Щоб передати нові, оберіть рахунок і «Передати показання»."));
            return;
        }

        if (confirmed)
        {
            await SubmitAsync(dialog, confirm: true, turn, cancellationToken);
            return;
        }

        var again = dialog with { Step = DialogStep.ReadingValue, Values = null };
        turn.Ask(again);
        turn.Say(Question(turn, again));
    }

    private async Task SubmitAsync(ChatDialog dialog, bool confirm, ChatTurn turn, CancellationToken cancellationToken)
    {
        var account = AccountNumber.Parse(dialog.Account!);
        // Saved with the reading by SubmitReading's own save: the question is over, whatever it answers.
        turn.Ask(null);
        try
        {
            var filed = await submit.HandleAsync(account, null, dialog.Values!.ToDictionary(), confirm, ReadingSource.Customer, $"customer:{turn.LoginId}",
                cancellationToken);
            var reading = filed.Reading;
            var text = turn.T("Показання прийнято за {0}: {1}.", reading.Period.ToString(), Describe(turn, reading.Values.ToNames())) + "\n"
                + turn.T("Спожито {0} кВт·год з {1:dd.MM.yyyy}.", reading.Consumption.Total.Value, filed.Previous.TakenOn.ToDateOnly());
            if (filed.ExpectedAmount is { } expected)
            {
                text += " " + turn.T("Орієнтовно до сплати: {0}.", expected);
            }

            turn.Say(text, [new ReplyButton(turn.T("« До рахунку"), $"{ChatAccounts.AccountButton}:{account}")]);
        }
        catch (BusinessRuleException unusual) when (unusual.NeedsConfirmation && !confirm)
        {
            turn.Ask(dialog with { Step = DialogStep.ReadingConfirmation });
            turn.Say(Unusual(turn, unusual) + "\n" + turn.T("Показання правильні?"),
                [new ReplyButton(turn.T("Так, усе правильно"), ConfirmButton), new ReplyButton(turn.T("Ні, ввести знову"), RetypeButton)]);
        }
        catch (Exception refused) when (ChatTurn.IsRefusal(refused))
        {
            turn.Say(turn.Refusal(refused), [new ReplyButton(turn.T("Ввести знову"), $"{StartButton}:{account}")]);
        }
    }

    /// <summary>What is unusual about the reading, without the API's <c>confirm: true</c>: the buttons confirm it here.</summary>
    private static string Unusual(ChatTurn turn, BusinessRuleException unusual) => unusual.Code switch
    {
        "implausible_jump" => turn.T("Ці показання дають {0} кВт·год за {1} дн. — значно більше, ніж зазвичай (близько {2} кВт·год на день).",
            [.. unusual.Arguments.Take(3)]),
        _ => turn.T("Показання ({0}: {1}) менші за попередні ({2}): так буває, коли лічильник ({3} розрядів) перейшов через нуль.",
            ZoneName(turn, (string)unusual.Arguments[0]), unusual.Arguments[1], unusual.Arguments[2], unusual.Arguments[3]),
    };

    private static string Question(ChatTurn turn, ChatDialog dialog) =>
        dialog.Zones!.Count == 1
            ? turn.T("Надішліть показання лічильника (лише цифри до коми):")
            : turn.T("{0}: надішліть показання (лише цифри до коми):", ZoneName(turn, dialog.NextZone!));

    private static string Describe(ChatTurn turn, IReadOnlyDictionary<string, decimal> values) =>
        string.Join(", ", values.Select(v => values.Count == 1 ? v.Value.ToString(CultureInfo.CurrentCulture) : $"{ZoneName(turn, v.Key)} {v.Value.ToString(CultureInfo.CurrentCulture)}"));

    private static string ZoneName(ChatTurn turn, string zone) => MeterZoneNames.Parse(zone) switch
    {
        MeterZone.Day => turn.T("Денна зона"),
        MeterZone.Night => turn.T("Нічна зона (23:00–07:00)"),
        MeterZone.Peak => turn.T("Пікова зона"),
        MeterZone.HalfPeak => turn.T("Напівпікова зона"),
        _ => turn.T("Загальні показання"),
    };
}
