using System.Collections.Immutable;
using Everest.Site.Domain.Billing.Tariffs;

namespace Everest.Site.Domain.Tests.Billing;

/// <summary>Tariffs and books the tests price with.</summary>
internal static class Tariffs
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static readonly ImmutableArray<DayOfWeek> EveryDay = [.. Enum.GetValues<DayOfWeek>()];

    public static Tariff Standard(decimal perKwh = 0.40m, decimal perHour = 0m, decimal fee = 0m, decimal idlePerMinute = 0m, TimeSpan? grace = null, params TariffWindow[] windows) =>
        new("standard", 1, null, perKwh, perHour, fee, idlePerMinute, grace ?? TimeSpan.Zero, [.. windows]);

    public static TariffBook Book(params Tariff[] tariffs) =>
        new("EUR", Berlin, tariffs.Length > 0 ? tariffs[0].Id : null, [.. tariffs], []);
}
