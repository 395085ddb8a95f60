using System.Collections.Immutable;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>
/// Every tariff of a site with all its versions, the token groups, and what prices everyone else. Chooses the
/// tariff version of a transaction by its token and its start time.
/// </summary>
/// <param name="Currency">ISO 4217 code of every price.</param>
/// <param name="TimeZone">The zone time-of-use windows are read in.</param>
/// <param name="DefaultTariffId">Tariff of tokens in no group; null leaves them unpriced.</param>
/// <param name="Groups">Checked in order; the first group containing a token wins.</param>
public sealed record TariffBook(
    string Currency,
    TimeZoneInfo TimeZone,
    string? DefaultTariffId,
    ImmutableArray<Tariff> Tariffs,
    ImmutableArray<TokenGroup> Groups)
{
    /// <summary>No tariffs: every CDR unpriced.</summary>
    public static TariffBook Unpriced(string currency) => new(currency, TimeZoneInfo.Utc, null, [], []);

    /// <summary>The tariff version for a transaction of <paramref name="token"/> that started at <paramref name="startedAt"/>.</summary>
    public TariffSelection Select(IdToken token, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(token);
        foreach (var group in Groups)
        {
            if (group.Contains(token.Value))
            {
                return new TariffSelection(VersionAt(group.TariffId, startedAt), group.Id);
            }
        }

        return new TariffSelection(DefaultTariffId is { } id ? VersionAt(id, startedAt) : null, null);
    }

    /// <summary>
    /// The version of tariff <paramref name="tariffId"/> in force at <paramref name="at"/>: the one with the latest
    /// <see cref="Tariff.ValidFrom"/> not after it (a version without one counts as valid since always). Null when the
    /// tariff is unknown or no version was valid yet.
    /// </summary>
    public Tariff? VersionAt(string tariffId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(tariffId);
        Tariff? best = null;
        foreach (var tariff in Tariffs)
        {
            if (tariff.Id != tariffId || (tariff.ValidFrom is { } from && from > at))
            {
                continue;
            }

            if (best is null || (tariff.ValidFrom ?? DateTimeOffset.MinValue) > (best.ValidFrom ?? DateTimeOffset.MinValue)
                || ((tariff.ValidFrom ?? DateTimeOffset.MinValue) == (best.ValidFrom ?? DateTimeOffset.MinValue) && tariff.Version > best.Version))
            {
                best = tariff;
            }
        }

        return best;
    }
}
