using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Payments.Online;

internal enum OnlinePaymentStatus
{
    /// <summary>Checkout started; the provider has not said it was paid.</summary>
    Pending,

    /// <summary>Paid: one payment entry is in the ledger.</summary>
    Posted,

    /// <summary>Declined, failed or abandoned: nothing posted. A later success of the same order (another card) still posts.</summary>
    Failed,

    /// <summary>Taken back by the provider: a reversal entry returned the debt (or nothing was posted yet).</summary>
    Reversed,
}

/// <summary>What applying a report changed, for the caller to book in the ledger and tell the customer.</summary>
internal enum OnlinePaymentChange
{
    None,
    Posted,
    Failed,

    /// <summary>Reversed after it was posted: the ledger takes the payment back.</summary>
    Reversed,

    /// <summary>Reversed before any success reached us: nothing was posted, so nothing returns.</summary>
    ReversedUnposted,
}

/// <summary>
/// One online checkout of a customer for one account, through one provider: the order the provider knows by
/// <see cref="OrderId"/>. Its status moves only forward by the provider's reports, in whatever order they arrive:
/// a late <c>processing</c> never un-posts a payment, a repeated <c>success</c> never posts twice.
/// </summary>
internal sealed class OnlinePayment
{
    private OnlinePayment(Guid id, string provider, AccountNumber accountNumber, Money amount, Guid loginId, string? email, Instant createdAt, Instant nextAttemptAt)
    {
        Id = id;
        Provider = provider;
        AccountNumber = accountNumber;
        Amount = amount;
        LoginId = loginId;
        Email = email;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        NextAttemptAt = nextAttemptAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The provider's order id: ours, sent as <c>order_id</c>.</summary>
    public string OrderId => Id.ToString();

    public string Provider { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public Money Amount { get; private set; }

    /// <summary>The customer login that started the checkout; only it sees the order.</summary>
    public Guid LoginId { get; private set; }

    /// <summary>Where the confirmation goes: the login's email when the checkout started.</summary>
    public string? Email { get; private set; }

    public OnlinePaymentStatus Status { get; private set; }

    /// <summary>The provider's last status word that changed something, as it said it.</summary>
    public string? ProviderStatus { get; private set; }

    public string? ProviderPaymentId { get; private set; }

    /// <summary>
    /// When the provider set the newest status applied (mono's <c>modifiedDate</c>), for providers whose reports arrive
    /// out of order: an older one changes nothing. Null for providers that do not date their statuses (LiqPay).
    /// </summary>
    public Instant? ProviderStatusAt { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant UpdatedAt { get; private set; }

    public Instant? PostedAt { get; private set; }

    public Instant? ReversedAt { get; private set; }

    /// <summary>When the status API is asked next, while pending (the poller's claim columns below).</summary>
    public Instant NextAttemptAt { get; private set; }

    public int Polls { get; private set; }

    public string? ClaimedBy { get; private set; }

    public Instant? ClaimedUntil { get; private set; }

    /// <summary>Concurrency token: two reports of one order applied at once end in one change, the other runs again.</summary>
    public uint Version { get; private set; }

    public static OnlinePayment Start(string provider, AccountNumber account, Money amount, Guid loginId, string? email, Instant now, Duration pollAfter) =>
        new(Guid.NewGuid(), provider, account, amount, loginId, email, now, now + pollAfter);

    /// <summary>The provider created its side of the checkout (mono's invoice) under this id: the status API is asked by it.</summary>
    public void Invoiced(string providerPaymentId, Instant now)
    {
        ProviderPaymentId = providerPaymentId;
        Touch(now);
    }

    /// <summary>Whether a report of a status set at <paramref name="statusAt"/> is older than the newest one applied.</summary>
    public bool IsOlderThanLastStatus(Instant? statusAt) => statusAt is { } at && ProviderStatusAt is { } last && at < last;

    /// <summary>Remembers the newest provider status moment seen, so an older report arriving later changes nothing.</summary>
    public void SawStatusAt(Instant? statusAt, Instant now)
    {
        if (statusAt is { } at && (ProviderStatusAt is not { } last || at > last))
        {
            ProviderStatusAt = at;
            Touch(now);
        }
    }

    /// <summary>Moves the order by one report; a report that cannot move it from where it is changes nothing.</summary>
    public OnlinePaymentChange Apply(ReportedOutcome outcome, string providerStatus, string? providerPaymentId, Instant now)
    {
        var change = (outcome, Status) switch
        {
            (ReportedOutcome.Paid, OnlinePaymentStatus.Pending or OnlinePaymentStatus.Failed) => OnlinePaymentChange.Posted,
            (ReportedOutcome.Failed, OnlinePaymentStatus.Pending) => OnlinePaymentChange.Failed,
            (ReportedOutcome.Reversed, OnlinePaymentStatus.Posted) => OnlinePaymentChange.Reversed,
            (ReportedOutcome.Reversed, OnlinePaymentStatus.Pending or OnlinePaymentStatus.Failed) => OnlinePaymentChange.ReversedUnposted,
            _ => OnlinePaymentChange.None,
        };
        if (change == OnlinePaymentChange.None)
        {
            return change;
        }

        Status = change switch
        {
            OnlinePaymentChange.Posted => OnlinePaymentStatus.Posted,
            OnlinePaymentChange.Failed => OnlinePaymentStatus.Failed,
            _ => OnlinePaymentStatus.Reversed,
        };
        PostedAt = change == OnlinePaymentChange.Posted ? now : PostedAt;
        ReversedAt = Status == OnlinePaymentStatus.Reversed ? now : ReversedAt;
        ProviderStatus = providerStatus;
        ProviderPaymentId = providerPaymentId ?? ProviderPaymentId;
        Touch(now);
        return change;
    }

    /// <summary>The status API was asked and the order is still pending: ask again later, and give the claim back.</summary>
    public void PollAgainAt(Instant next, Instant now)
    {
        Polls++;
        NextAttemptAt = next;
        ClaimedBy = null;
        ClaimedUntil = null;
        Touch(now);
    }

    private void Touch(Instant now)
    {
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>
/// The audit of an order: its start and every distinct status a provider reported for it, by callback or by the
/// status API, with what it changed. Unique per order and status word, which is what makes a report idempotent:
/// of a thousand copies of one callback, one inserts its row and the rest find it.
/// </summary>
internal sealed class OnlinePaymentEvent
{
    public const string CheckoutStarted = "checkout_started";

    private OnlinePaymentEvent(Guid id, Guid paymentId, string providerStatus, string source, OnlinePaymentChange change, string? note, Instant at)
    {
        Id = id;
        PaymentId = paymentId;
        ProviderStatus = providerStatus;
        Source = source;
        Change = change;
        Note = note;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public string ProviderStatus { get; private set; }

    /// <summary>Who said it: <c>callback</c>, <c>status_api</c>, <c>poller</c> or <c>customer:{loginId}</c>.</summary>
    public string Source { get; private set; }

    public OnlinePaymentChange Change { get; private set; }

    public string? Note { get; private set; }

    public Instant At { get; private set; }

    public static OnlinePaymentEvent Started(OnlinePayment payment, string actor) =>
        new(Guid.NewGuid(), payment.Id, CheckoutStarted, actor, OnlinePaymentChange.None, null, payment.CreatedAt);

    public static OnlinePaymentEvent Reported(OnlinePayment payment, string providerStatus, string source, OnlinePaymentChange change, string? note, Instant at) =>
        new(Guid.NewGuid(), payment.Id, Limit(providerStatus, 40), source, change, note is null ? null : Limit(note, 500), at);

    /// <summary>A provider's words are signed, not bounded: cut to the column rather than fail the save.</summary>
    private static string Limit(string text, int length) => text.Length <= length ? text : text[..length];
}

internal sealed class OnlinePaymentConfiguration : IEntityTypeConfiguration<OnlinePayment>
{
    public void Configure(EntityTypeBuilder<OnlinePayment> builder)
    {
        builder.ToTable("online_payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Ignore(p => p.OrderId);
        builder.Property(p => p.Provider).HasMaxLength(20);
        builder.Property(p => p.Email).HasMaxLength(256);
        builder.Property(p => p.ProviderStatus).HasMaxLength(40);
        builder.Property(p => p.ProviderPaymentId).HasMaxLength(100);
        builder.Property(p => p.ClaimedBy).HasMaxLength(120);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.Status, p.NextAttemptAt });
        builder.HasIndex(p => p.LoginId);
        builder.HasIndex(p => p.AccountNumber);
    }
}

internal sealed class OnlinePaymentEventConfiguration : IEntityTypeConfiguration<OnlinePaymentEvent>
{
    public void Configure(EntityTypeBuilder<OnlinePaymentEvent> builder)
    {
        builder.ToTable("online_payment_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ProviderStatus).HasMaxLength(40);
        builder.Property(e => e.Source).HasMaxLength(60);
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.HasIndex(e => new { e.PaymentId, e.ProviderStatus }).IsUnique();
        builder.HasOne<OnlinePayment>().WithMany().HasForeignKey(e => e.PaymentId).OnDelete(DeleteBehavior.Cascade);
    }
}
