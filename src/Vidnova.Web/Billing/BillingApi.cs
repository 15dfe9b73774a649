using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using Vidnova.Calendar;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Billing;

public static class BillingApi
{
    public static RouteGroupBuilder MapBillingApi(this RouteGroupBuilder api)
    {
        var tariffs = api.MapGroup("/tariffs").WithTags("Tariffs");
        tariffs.MapGet("/", ListAsync)
            .AllowAnonymous()
            .WithName("ListTariffs")
            .WithSummary("The household tariffs by effective date")
            .WithDescription("Each is in force from effectiveFrom until the next one; zonePrices are the base price times each zone's factor.");
        tariffs.MapPut("/{effectiveFrom}", SetAsync)
            .RequireAuthorization(AuthorizationPolicies.Administrator)
            .WithName("SetTariff")
            .WithSummary("Set the household tariff in force from a date")
            .WithDescription("pricePerKwh (up to five decimals), zoneFactors {\"2\": {night, day}, \"3\": {night, halfPeak, peak}} and optionally "
                + "electricHeating {pricePerKwh, monthlyKwh, seasonFrom \"10-01\", seasonTo \"04-30\"}. 201 for a new date, 200 when the date's terms are replaced.");
        api.MapPut("/accounts/{accountNumber}/tariff-options", SetOptionsAsync)
            .WithTags("Tariffs")
            .RequireAuthorization(AuthorizationPolicies.Administrator)
            .WithName("SetTariffOptions")
            .WithSummary("Approve (or withdraw) an account's electric heating from a date")
            .WithDescription("electricHeating true gives the account the tariff's heating tier on the season's days from the date on; "
                + "the same date again replaces its value. Answers every change of the account.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<List<TariffResponse>>> ListAsync(ITariffs tariffs, CancellationToken cancellationToken) =>
        TypedResults.Ok((await tariffs.ScheduleAsync(cancellationToken)).Tariffs.Select(TariffResponse.From).ToList());

    private static async Task<Results<Created<TariffResponse>, Ok<TariffResponse>>> SetAsync(
        [Text(10)] string effectiveFrom, SetTariffCommand body, SetTariff useCase, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (tariff, created) = await useCase.HandleAsync(effectiveFrom, body, StaffIdentity.ActorOf(user), cancellationToken);
        var response = TariffResponse.From(tariff);
        return created ? TypedResults.Created($"/api/v1/tariffs/{response.EffectiveFrom}", response) : TypedResults.Ok(response);
    }

    private static async Task<Ok<TariffOptionsResponse>> SetOptionsAsync([Text(32)] string accountNumber, SetTariffOptionsCommand body,
        SetTariffOptions useCase, IClock clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var changes = await useCase.HandleAsync(accountNumber, body, StaffIdentity.ActorOf(user), cancellationToken);
        var today = KyivTime.DateOf(clock.GetCurrentInstant());
        var approvals = new ElectricHeatingApprovals(changes.Select(c => (c.From, c.ElectricHeating)));
        return TypedResults.Ok(new TariffOptionsResponse(AccountNumber.Parse(accountNumber).Value, approvals.ApprovedOn(today),
            changes.Select(c => new TariffOptionChange(LocalDatePattern.Iso.Format(c.From), c.ElectricHeating)).ToList()));
    }
}

public sealed record TariffResponse(
    string EffectiveFrom,
    decimal PricePerKwh,
    Dictionary<string, Dictionary<string, decimal>> ZoneFactors,
    ElectricHeatingResponse? ElectricHeating,
    Dictionary<string, Dictionary<string, decimal>> ZonePrices)
{
    private static readonly ZoneScheme[] Schemes = [ZoneScheme.OneZone, ZoneScheme.TwoZone, ZoneScheme.ThreeZone];

    public static TariffResponse From(HouseholdTariff tariff) => new(
        LocalDatePattern.Iso.Format(tariff.EffectiveFrom),
        tariff.Price.UahPerKwh,
        Schemes.Skip(1).ToDictionary(s => s.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            s => s.Zones.ToDictionary(MeterZoneNames.Of, z => tariff.Factors.Of(s, z))),
        tariff.ElectricHeating is { } tier
            ? new ElectricHeatingResponse(tier.Price.UahPerKwh, tier.MonthlyKwh.Value, AnnualDatePattern.Iso.Format(tier.SeasonFrom), AnnualDatePattern.Iso.Format(tier.SeasonTo))
            : null,
        Schemes.ToDictionary(s => s.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            s => s.Zones.ToDictionary(MeterZoneNames.Of, z => tariff.PriceOf(s, z).UahPerKwh)));
}

public sealed record ElectricHeatingResponse(decimal PricePerKwh, decimal MonthlyKwh, string SeasonFrom, string SeasonTo);

public sealed record TariffOptionsResponse(string AccountNumber, bool ElectricHeating, IReadOnlyList<TariffOptionChange> Changes);

public sealed record TariffOptionChange(string From, bool ElectricHeating);
