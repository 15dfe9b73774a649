using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Readings;

namespace Vidnova.Payments.Registries;

/// <param name="ReceivedBy"><c>partner:privatbank</c> when the partner's system sent it, <c>staff:…</c> for an upload in the back office.</param>
internal sealed record ImportRegistryCommand(string PartnerCode, string FileName, byte[] Content, string ReceivedBy);

/// <summary>What one receipt of a registry file did: its rows, how many were posted now, had been received before, or wait for staff.</summary>
internal sealed record RegistryImportResult(Guid Id, string RegistryNumber, int Rows, int Posted, int Duplicates, int Unmatched, Money Amount)
{
    /// <summary>The file changed nothing: every row had been received before.</summary>
    public bool Repeated => Duplicates == Rows;
}

/// <summary>
/// Takes a partner's registry file: reads it under the partner's format, refuses it whole when its totals disagree
/// with its rows, then books each row not received before through <see cref="PostPayment"/> — to the account it
/// names, or into the unmatched-payments queue when there is no such account — and files the readings a row carries
/// with the Readings module (source: partner). Each row is committed with its payment; the ledger's unique
/// (channel, reference) and the row's unique (partner, registry, row) make a repeat, even a concurrent or an
/// interrupted one, post nothing twice.
/// </summary>
internal sealed class ImportRegistry(VidnovaDbContext db, PostPayment post, SubmitReading readings, IPersonalAccounts accounts, IClock clock,
    IOptions<RegistryLimits> limits, IOptions<PaymentLimits> paymentLimits, ILogger<ImportRegistry> logger)
{
    public async Task<RegistryImportResult> HandleAsync(ImportRegistryCommand command, CancellationToken cancellationToken)
    {
        var partner = await db.Set<PaymentPartner>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == command.PartnerCode, cancellationToken)
            ?? throw new NotFoundException("payment_partner_not_found", "Платіжного партнера з кодом {0} не зареєстровано.", command.PartnerCode);
        var now = clock.GetCurrentInstant();
        var file = RegistryReader.Read(command.Content, command.FileName, partner.Format, limits.Value, KyivTime.DateOf(now), paymentLimits.Value);
        file.Reconcile();

        var registry = await db.RetryOnLostRaceAsync(async () =>
        {
            var existing = await db.Set<PaymentRegistry>().AsNoTracking()
                .SingleOrDefaultAsync(r => r.PartnerCode == partner.Code && r.RegistryNumber == file.RegistryNumber, cancellationToken);
            if (existing is not null)
            {
                return existing;
            }

            var received = PaymentRegistry.Receive(partner.Code, file, Path.GetFileName(command.FileName), command.ReceivedBy, now);
            db.Add(received);
            await db.SaveChangesAsync(cancellationToken);
            return received;
        });

        var known = await db.Set<PaymentRegistryRow>().AsNoTracking().Where(r => r.RegistryId == registry.Id).ToDictionaryAsync(r => r.Row, cancellationToken);
        if (file.Rows.FirstOrDefault(row => known.TryGetValue(row.Row, out var before) && !before.IsSameAs(row)) is { } changed)
        {
            var before = known[changed.Row];
            throw new BusinessRuleException("registry_row_changed",
                "Рядок {0} реєстру {1} уже отримано з іншими даними (рахунок {2}, сума {3}; тепер {4}, {5}). Реєстр не прийнято: виправлений реєстр має мати новий номер.",
                changed.Row, file.RegistryNumber, before.AccountNumberText, before.Amount.ToString(null, CultureInfo.InvariantCulture),
                changed.AccountNumber, changed.Amount.ToString(null, CultureInfo.InvariantCulture));
        }

        var numbers = file.Rows.Select(r => AccountNumber.TryParse(r.AccountNumber, out var n) ? n : null).OfType<AccountNumber>().Distinct().ToList();
        var existingAccounts = await accounts.FindManyAsync(numbers, cancellationToken);
        int posted = 0, duplicates = 0, unmatched = 0;
        var channel = PaymentPartner.ChannelOf(partner.Code);
        foreach (var row in file.Rows)
        {
            if (known.ContainsKey(row.Row))
            {
                duplicates++;
                continue;
            }

            var outcome = AccountNumber.TryParse(row.AccountNumber, out var number) && existingAccounts.ContainsKey(number.Value)
                ? await PostAsync(registry, row, number.Value, channel, now, cancellationToken)
                : await RecordAsync(PaymentRegistryRow.Unmatched(registry, row, now), cancellationToken);
            switch (outcome)
            {
                case RegistryRowStatus.Posted:
                    posted++;
                    break;
                case RegistryRowStatus.Unmatched:
                    unmatched++;
                    break;
                default:
                    duplicates++;
                    break;
            }
        }

        if (duplicates > 0)
        {
            var tracked = await db.Set<PaymentRegistry>().SingleAsync(r => r.Id == registry.Id, cancellationToken);
            tracked.CountDuplicates(duplicates);
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogInformation("Registry {RegistryNumber} of partner {Partner}: {Rows} rows, {Posted} posted, {Duplicates} duplicates, {Unmatched} unmatched",
            file.RegistryNumber, partner.Code, file.Rows.Count, posted, duplicates, unmatched);
        return new RegistryImportResult(registry.Id, registry.RegistryNumber, file.Rows.Count, posted, duplicates, unmatched, file.Amount);
    }

    /// <summary>Books a row to an account (the row's own, or the one staff chose) and files the readings it carries.</summary>
    public async Task<Guid> BookAsync(string partnerCode, string reference, AccountNumber account, Money amount, LocalDate paidOn, CancellationToken cancellationToken)
    {
        var result = await post.HandleAsync(new PostPaymentCommand(account.Value, amount.Amount, KyivTime.Zone.AtStartOfDay(paidOn).ToInstant(),
            PaymentPartner.ChannelOf(partnerCode), reference), cancellationToken);
        return result.Payment.Id;
    }

    /// <summary>
    /// Files a row's readings as the partner's (the operation day is the day they were given). A refusal — a wrong
    /// zone, a value below the last one — does not undo the payment: it is kept on the row for staff to see.
    /// </summary>
    public async Task<string?> FileReadingsAsync(AccountNumber account, LocalDate takenOn, IReadOnlyDictionary<string, decimal>? values, string partnerCode,
        CancellationToken cancellationToken)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        try
        {
            await readings.HandleAsync(account, LocalDatePattern.Iso.Format(takenOn), new Dictionary<string, decimal>(values), confirm: false, ReadingSource.Partner,
                PaymentPartner.ChannelOf(partnerCode), cancellationToken);
            return "accepted";
        }
        catch (BusinessRuleException refused)
        {
            db.ChangeTracker.Clear();
            return refused.Code;
        }
        catch (InputValidationException)
        {
            db.ChangeTracker.Clear();
            return "invalid_reading";
        }
    }

    private async Task<RegistryRowStatus?> PostAsync(PaymentRegistry registry, RegistryRow row, AccountNumber account, string channel, Instant now,
        CancellationToken cancellationToken)
    {
        var paymentId = await BookAsync(registry.PartnerCode, $"{registry.RegistryNumber}/{row.Row}", account, row.Amount, row.PaidOn, cancellationToken);
        var status = await RecordAsync(PaymentRegistryRow.Posted(registry, row, account, paymentId, now), cancellationToken);
        if (status == RegistryRowStatus.Posted && await FileReadingsAsync(account, row.PaidOn, row.Readings, registry.PartnerCode, cancellationToken) is { } outcome)
        {
            var saved = await db.Set<PaymentRegistryRow>().SingleAsync(r => r.RegistryId == registry.Id && r.Row == row.Row, cancellationToken);
            saved.ReadingsFiled(outcome);
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogDebug("Row {Row} of registry {RegistryNumber} posted to {Account} via {Channel}", row.Row, registry.RegistryNumber, account, channel);
        return status;
    }

    /// <returns>The row's status, or null when another receipt of the same file recorded it a moment earlier (a duplicate).</returns>
    private async Task<RegistryRowStatus?> RecordAsync(PaymentRegistryRow row, CancellationToken cancellationToken)
    {
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return row.Status;
        }
        catch (DbUpdateException exception) when (exception.IsLostRace())
        {
            db.ChangeTracker.Clear();
            return null;
        }
    }
}
