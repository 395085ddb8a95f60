using System.Globalization;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>
/// The history an EVSE of a busy depot or car park writes, event by event, without end: sessions (plug-in,
/// authorization, transaction with its CSMS id, charging, now and then a pause by the site, OCMF-signed end,
/// unplug) separated by idle gaps, and the meter samples the product keeps while energy flows (one reading a
/// minute through <see cref="MeterSampleDecimator"/> with the default policy: about one sample per 5 minutes or
/// per kWh). Deterministic for a given EVSE number and seed.
/// </summary>
internal sealed class EvseHistoryScript
{
    private static readonly TimeSpan ReadingInterval = TimeSpan.FromMinutes(1);

    private readonly IEnumerator<IEvseHistoryEvent> _events;

    /// <param name="sessionsPerDay">Mean sessions a day (the idle gap between sessions is exponential around what this leaves).</param>
    public EvseHistoryScript(int evseNumber, DateTimeOffset start, double sessionsPerDay = 1.5, int seed = 1)
    {
        Evse = evseNumber;
        _events = Generate(evseNumber, start, sessionsPerDay, new Random((seed * 100_003) + evseNumber)).GetEnumerator();
    }

    public int Evse { get; }

    /// <summary>When the last event returned by <see cref="Next"/> happened.</summary>
    public DateTimeOffset Now { get; private set; }

    public IEvseHistoryEvent Next()
    {
        _events.MoveNext();
        Now = _events.Current.At;
        return _events.Current;
    }

    private static IEnumerable<IEvseHistoryEvent> Generate(int evse, DateTimeOffset start, double sessionsPerDay, Random random)
    {
        var isDc = evse % 10 == 0;
        var powerW = isDc ? 50_000.0 : 11_000.0;
        var meterWh = 1_000_000.0 + (random.NextDouble() * 5_000_000);
        var now = start;
        var policy = MeterSamplePolicy.Default;
        var meterSerial = string.Create(CultureInfo.InvariantCulture, $"SIM-{evse:D4}");
        var publicKey = "3059301306072A8648CE3D020106082A8648CE3D03010703420004" + RandomHex(random, 64);
        var session = 0;
        yield return new CameOnline(now);
        while (true)
        {
            session++;
            var energyWh = 8_000 + (random.NextDouble() * 37_000);
            var chargingTime = TimeSpan.FromHours(energyWh / powerW);
            var busy = chargingTime + TimeSpan.FromMinutes(20);
            var meanGap = TimeSpan.FromDays(1 / sessionsPerDay) - busy;
            now += meanGap > TimeSpan.FromMinutes(5) ? meanGap * -Math.Log(1 - random.NextDouble()) : TimeSpan.FromMinutes(5);

            var uuid = string.Create(CultureInfo.InvariantCulture, $"{evse:x8}-{session:x4}-4000-8000-{random.NextInt64(0, 1L << 47):x12}");
            var token = new IdToken(RandomHex(random, 7), "ISO14443");
            yield return new SessionStarted(uuid, now, "EVConnected", null, meterWh, null);
            now += TimeSpan.FromSeconds(4 + random.Next(20));
            yield return new Authorized(uuid, now, meterWh);
            var signedStart = Ocmf(meterSerial, now, meterWh, "B", random);
            yield return new TransactionStarted(uuid, now, token, meterWh, null, signedStart);
            yield return new CsmsTransactionIdAssigned(uuid, string.Create(CultureInfo.InvariantCulture, $"{(evse * 100_000) + session}"), now);
            now += TimeSpan.FromSeconds(isDc ? 10 : 2);
            yield return new ChargingStarted(uuid, now, meterWh);

            var pauseAt = random.NextDouble() < 0.3 ? now + (chargingTime * random.NextDouble()) : DateTimeOffset.MaxValue;
            var end = now + chargingTime;
            MeterReading? lastKept = null;
            while (now < end)
            {
                now += ReadingInterval;
                meterWh += powerW * ReadingInterval.TotalHours;
                var reading = new MeterReading(now, Math.Round(meterWh, 1), powerW, new PhaseCurrents(16, 16, 16));
                if (MeterSampleDecimator.ShouldKeep(policy, lastKept, reading))
                {
                    lastKept = reading;
                    yield return new MeterSampled(uuid, reading);
                }

                if (now >= pauseAt)
                {
                    pauseAt = DateTimeOffset.MaxValue;
                    yield return new ChargingPaused(uuid, now, PauseCause.Site, null, meterWh);
                    now += TimeSpan.FromMinutes(10 + random.Next(20));
                    end += TimeSpan.FromMinutes(10);
                    yield return new ChargingResumed(uuid, now, PauseCause.Site, meterWh);
                }
            }

            now += TimeSpan.FromMinutes(5 + random.Next(30));
            yield return new TransactionFinished(uuid, now, "EVDisconnected", Math.Round(meterWh, 1), signedStart, Ocmf(meterSerial, now, meterWh, "E", random), publicKey);
            now += TimeSpan.FromSeconds(3);
            yield return new SessionFinished(uuid, now, Math.Round(meterWh, 1));
        }
    }

    private static string RandomHex(Random random, int bytes)
    {
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexString(buffer);
    }

    /// <summary>An OCMF string of the size a real signed reading has (the signature is random hex: nobody verifies it here).</summary>
    private static SignedMeterValue Ocmf(string meterSerial, DateTimeOffset at, double meterWh, string type, Random random)
    {
        var data = string.Create(
            CultureInfo.InvariantCulture,
            $$"""OCMF|{"FV":"1.0","GI":"SIM","GS":"{{meterSerial}}","PG":"T1","RD":[{"TM":"{{at:yyyy-MM-ddTHH:mm:ss,fff}}+0000 S","TX":"{{type}}","RV":{{meterWh / 1000:F3}},"RI":"1-b:1.8.0","RU":"kWh","ST":"G"}]}|{"SA":"ECDSA-secp256r1-SHA256","SD":"{{RandomHex(random, 72)}}"}""");
        return new SignedMeterValue(data, "ECDSA-secp256r1-SHA256", "OCMF");
    }
}
