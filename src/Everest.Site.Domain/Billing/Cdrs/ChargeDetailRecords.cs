using System.Collections.Immutable;
using Everest.Site.Domain.Billing.Ocmf;
using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Billing.Tariffs;

namespace Everest.Site.Domain.Billing.Cdrs;

/// <summary>Issues CDRs from finished transactions and corrections (pure).</summary>
public static class ChargeDetailRecords
{
    /// <summary>The CDR of a finished transaction, priced by the tariff version <paramref name="book"/> selects for it.</summary>
    public static ChargeDetailRecord Issue(CdrEvse evse, ChargingSession session, TariffBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        RequireFinished(session);
        var selection = book.Select(session.IdToken, session.StartedAt);
        return Build(evse, session, book, selection.Tariff, selection.TokenGroupId, CdrIds.Original(session.SessionUuid), CdrKind.Original, null, null, session.StoppedAt!.Value);
    }

    /// <summary>
    /// A running transaction priced as if it stopped at <paramref name="now"/>: what a live session has cost so far.
    /// Not a CDR to issue (its id is the one the finished transaction will get).
    /// </summary>
    public static ChargeDetailRecord Live(CdrEvse evse, ChargingSession session, TariffBook book, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(book);
        var stop = now > session.LastKnownAt ? now : session.LastKnownAt;
        var selection = book.Select(session.IdToken, session.StartedAt);
        return Build(evse, session, book, selection.Tariff, selection.TokenGroupId, CdrIds.Original(session.SessionUuid), CdrKind.Original, null, null, stop, stop);
    }

    /// <summary>
    /// What <paramref name="correction"/> issues against <paramref name="current"/> (the session's CDR in force, or
    /// null when an earlier correction voided it): a credit of <paramref name="current"/>, then a replacement unless
    /// voided. <paramref name="revision"/> counts the session's corrections from 1.
    /// </summary>
    public static ImmutableArray<ChargeDetailRecord> Correct(
        ChargeDetailRecord? current,
        CdrEvse evse,
        ChargingSession session,
        SessionCorrected correction,
        TariffBook book,
        int revision)
    {
        ArgumentNullException.ThrowIfNull(correction);
        ArgumentNullException.ThrowIfNull(book);
        RequireFinished(session);
        var issued = ImmutableArray.CreateBuilder<ChargeDetailRecord>(2);
        if (current is not null)
        {
            issued.Add(CreditOf(current, correction.Reason, correction.At));
        }

        var replacementId = CdrIds.Replacement(session.SessionUuid, revision);
        switch (correction.Kind)
        {
            case CorrectionKind.Free:
                var selection = book.Select(session.IdToken, session.StartedAt);
                var priced = Build(evse, session, book, selection.Tariff, selection.TokenGroupId, replacementId, CdrKind.Replacement, current?.Id, correction.Reason, correction.At);
                issued.Add(priced with
                {
                    Cost = CostBreakdown.Zero,
                    BillableIdleTime = TimeSpan.Zero,
                    Periods = [.. priced.Periods.Select(p => p with { Rates = TariffRates.Free, EnergyCost = 0, TimeCost = 0, IdleCost = 0, BillableIdleTime = TimeSpan.Zero })],
                });
                break;
            case CorrectionKind.Reprice:
                var tariff = correction.TariffId is { } id ? book.VersionAt(id, session.StartedAt) : null;
                issued.Add(Build(evse, session, book, tariff, null, replacementId, CdrKind.Replacement, current?.Id, correction.Reason, correction.At));
                break;
        }

        return issued.ToImmutable();
    }

    /// <summary>The credit of <paramref name="original"/>: the same record with every amount, energy and time negated.</summary>
    public static ChargeDetailRecord CreditOf(ChargeDetailRecord original, string reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(original);
        return original with
        {
            Id = CdrIds.Credit(original.Id),
            Kind = CdrKind.Credit,
            ReferencedCdrId = original.Id,
            Remark = reason,
            EnergyWh = -original.EnergyWh,
            ChargingTime = -original.ChargingTime,
            IdleTime = -original.IdleTime,
            BillableIdleTime = -original.BillableIdleTime,
            SitePauseDuration = -original.SitePauseDuration,
            SitePauseCount = -original.SitePauseCount,
            Cost = original.Cost.Negate(),
            Periods =
            [
                .. original.Periods.Select(p => p with
                {
                    EnergyWh = -p.EnergyWh,
                    ChargingTime = -p.ChargingTime,
                    IdleTime = -p.IdleTime,
                    BillableIdleTime = -p.BillableIdleTime,
                    EnergyCost = -p.EnergyCost,
                    TimeCost = -p.TimeCost,
                    IdleCost = -p.IdleCost,
                }),
            ],
            IssuedAt = at,
        };
    }

    private static ChargeDetailRecord Build(
        CdrEvse evse,
        ChargingSession session,
        TariffBook book,
        Tariff? tariff,
        string? tokenGroup,
        string id,
        CdrKind kind,
        string? referencedId,
        string? remark,
        DateTimeOffset issuedAt,
        DateTimeOffset? until = null)
    {
        ArgumentNullException.ThrowIfNull(evse);
        var price = TariffCalculator.Price(session, tariff, book.TimeZone, book.Currency, until);
        var times = session.Times(until);
        var stop = session.StoppedAt ?? until ?? session.LastKnownAt;
        return new ChargeDetailRecord(
            id,
            kind,
            referencedId,
            remark,
            evse,
            session.SessionUuid,
            session.CsmsTransactionId,
            session.IdToken,
            tokenGroup,
            session.ReservationId,
            session.StartedAt,
            stop,
            session.MeterStartWh,
            session.LastMeterWh,
            session.EnergyWh,
            times.Charging,
            times.Idle,
            price.Periods.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.BillableIdleTime),
            session.SitePauseCount,
            times.SitePaused,
            session.StopReason,
            session.SignedStart,
            session.SignedEnd,
            session.OcmfPublicKey,
            OcmfVerifier.VerifyTransaction(session.SignedStart, session.SignedEnd, session.OcmfPublicKey, session.MeterStartWh, session.MeterStopWh),
            session.Reconciled,
            tariff?.Id,
            tariff?.Version,
            book.Currency,
            price.Cost,
            price.Periods,
            issuedAt);
    }

    private static void RequireFinished(ChargingSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!session.IsFinished)
        {
            throw new ArgumentException($"session {session.SessionUuid} is still running: only a finished transaction has a CDR", nameof(session));
        }
    }
}
