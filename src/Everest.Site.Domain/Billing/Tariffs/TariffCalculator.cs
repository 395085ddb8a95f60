using System.Collections.Immutable;
using Everest.Site.Domain.Billing.Sessions;

namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>
/// Prices a transaction with one tariff version (pure, decimal arithmetic). The transaction is cut at every phase
/// change, every time-of-use edge and the end of the idle grace period; each period is priced exactly at the rates
/// in force at its start; each component's sum is then rounded once to the currency's minor unit (half away from
/// zero), and the total is the sum of the rounded components.
/// </summary>
public static class TariffCalculator
{
    private const decimal TicksPerHour = TimeSpan.TicksPerHour;
    private const decimal TicksPerMinute = TimeSpan.TicksPerMinute;

    /// <param name="tariff">Null prices nothing: the periods are still produced, every cost is 0.</param>
    /// <param name="until">For a live session: price it as if it stopped now (ignored once finished).</param>
    public static SessionPrice Price(ChargingSession session, Tariff? tariff, TimeZoneInfo zone, string currency, DateTimeOffset? until = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(currency);
        var segments = session.Segments(until);
        var curve = new MeterCurve(session);
        var end = segments.IsEmpty ? session.StartedAt : segments[^1].To;
        var edges = tariff is null ? [] : tariff.WindowEdges(session.StartedAt, end, zone).ToImmutableArray();

        var periods = new List<PricedPeriod>();
        var graceLeft = tariff?.IdleGracePeriod ?? TimeSpan.Zero;
        var meterAtFrom = curve.Start;
        foreach (var segment in segments)
        {
            foreach (var (from, to) in Cut(segment, edges))
            {
                var pieceStart = from;
                while (pieceStart < to)
                {
                    // A billable idle stretch that outlasts what is left of the grace period splits where it runs out.
                    var pieceEnd = to;
                    var billable = false;
                    if (segment.IsBillableIdle)
                    {
                        if (graceLeft > TimeSpan.Zero)
                        {
                            var free = to - pieceStart <= graceLeft ? to - pieceStart : graceLeft;
                            pieceEnd = pieceStart + free;
                            graceLeft -= free;
                        }
                        else
                        {
                            billable = true;
                        }
                    }

                    var meterAtTo = pieceEnd == end ? curve.Stop : curve.At(pieceEnd);
                    periods.Add(Period(pieceStart, pieceEnd, segment.Phase, meterAtTo - meterAtFrom, billable, tariff?.RatesAt(pieceStart, zone) ?? TariffRates.Free));
                    meterAtFrom = meterAtTo;
                    pieceStart = pieceEnd;
                }
            }
        }

        if (periods.Count == 0)
        {
            // A transaction without duration still has its energy (and OCPI wants at least one period).
            var phase = session.Phases[0].Phase;
            periods.Add(Period(session.StartedAt, session.StartedAt, phase, curve.Stop - curve.Start, billable: false, tariff?.RatesAt(session.StartedAt, zone) ?? TariffRates.Free));
        }

        var merged = Merge(periods);
        var cost = new CostBreakdown(
            Money.Round(merged.Sum(p => p.EnergyCost), currency),
            Money.Round(merged.Sum(p => p.TimeCost), currency),
            Money.Round(tariff?.SessionFee ?? 0m, currency),
            Money.Round(merged.Sum(p => p.IdleCost), currency));
        return new SessionPrice(tariff, currency, merged, cost);
    }

    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Cut(SessionSegment segment, ImmutableArray<DateTimeOffset> edges)
    {
        var from = segment.From;
        foreach (var edge in edges)
        {
            if (edge > from && edge < segment.To)
            {
                yield return (from, edge);
                from = edge;
            }
        }

        yield return (from, segment.To);
    }

    private static PricedPeriod Period(DateTimeOffset start, DateTimeOffset end, SessionPhase phase, decimal energyWh, bool billable, TariffRates rates)
    {
        var duration = end - start;
        var charging = phase == SessionPhase.Charging ? duration : TimeSpan.Zero;
        var idle = phase == SessionPhase.Charging ? TimeSpan.Zero : duration;
        var billableIdle = billable ? duration : TimeSpan.Zero;
        return new PricedPeriod(
            start,
            end,
            phase,
            energyWh,
            charging,
            idle,
            billableIdle,
            rates,
            energyWh / 1000m * rates.EnergyPerKwh,
            charging.Ticks / TicksPerHour * rates.TimePerHour,
            billableIdle.Ticks / TicksPerMinute * rates.IdlePerMinute);
    }

    /// <summary>Joins neighbours that differ in nothing price-relevant (an edge of a window on another weekday, say).</summary>
    private static ImmutableArray<PricedPeriod> Merge(List<PricedPeriod> periods)
    {
        var merged = ImmutableArray.CreateBuilder<PricedPeriod>(periods.Count);
        foreach (var period in periods)
        {
            if (merged.Count > 0 && merged[^1] is var last && last.End == period.Start && last.Phase == period.Phase
                && last.Rates == period.Rates && (last.BillableIdleTime > TimeSpan.Zero) == (period.BillableIdleTime > TimeSpan.Zero))
            {
                merged[^1] = last with
                {
                    End = period.End,
                    EnergyWh = last.EnergyWh + period.EnergyWh,
                    ChargingTime = last.ChargingTime + period.ChargingTime,
                    IdleTime = last.IdleTime + period.IdleTime,
                    BillableIdleTime = last.BillableIdleTime + period.BillableIdleTime,
                    EnergyCost = last.EnergyCost + period.EnergyCost,
                    TimeCost = last.TimeCost + period.TimeCost,
                    IdleCost = last.IdleCost + period.IdleCost,
                };
            }
            else
            {
                merged.Add(period);
            }
        }

        return merged.ToImmutable();
    }
}
