namespace Everest.Site.Domain.Allocation;

/// <summary>
/// The CSMS's cap on one whole station over time (ocpp_consumer <c>charging_schedules</c>, entry <c>evse: 0</c>),
/// already converted to amperes per phase: each period's cap holds from its offset after <paramref name="StartsAt"/>
/// until the next period's; nothing is capped before the first period or from <paramref name="EndsAt"/> on.
/// </summary>
/// <param name="StationId">The station (charger) whose EVSEs share the cap.</param>
/// <param name="StartsAt">When the schedule starts (its <c>start_schedule</c>, or when it was received).</param>
/// <param name="EndsAt">When it ends (start plus <c>duration</c>); null: it holds until replaced.</param>
/// <param name="Periods">Offsets from the start with their cap (A per phase), in ascending order of offset.</param>
public sealed record StationCapSchedule(string StationId, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, IReadOnlyList<StationCapPeriod> Periods)
{
    /// <summary>The cap in force at <paramref name="now"/>, or null when the schedule caps nothing then.</summary>
    public StationCap? CapAt(DateTimeOffset now)
    {
        if (now < StartsAt || (EndsAt is { } end && now >= end))
        {
            return null;
        }

        double? cap = null;
        foreach (var period in Periods)
        {
            if (StartsAt + period.Offset > now)
            {
                break;
            }

            cap = period.MaxCurrentA;
        }

        return cap is { } amperes ? new StationCap(StationId, amperes) : null;
    }
}

/// <summary>One period of a <see cref="StationCapSchedule"/>: from <paramref name="Offset"/> after its start, at most <paramref name="MaxCurrentA"/> per phase.</summary>
public sealed record StationCapPeriod(TimeSpan Offset, double MaxCurrentA);
