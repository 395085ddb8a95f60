using System.Collections;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Everest.Site.Billing;
using Everest.Site.Configuration;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Tests.Billing;

/// <summary>A configured site and CDRs of every kind and shape an export must handle.</summary>
internal static class CdrFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 20, 30, 0, TimeSpan.Zero);

    public const string Config = """
        everest-site {
          site-id = depot-1
          chargers = [ { id = cp-1, system-module-id = sys-1, evses = [ { id = e-1, module-id = m-1 }, { id = e-2, module-id = m-2 } ] } ]
          billing {
            time-zone = "Europe/Berlin"
            default-tariff = public
            tariffs = [
              { id = public, energy-price-per-kwh = 0.40, time-price-per-hour = 0.5, session-fee = 1, idle-price-per-minute = 0.10, idle-grace-period = 10m,
                time-windows = [ { from = "22:00", to = "06:00", energy-price-per-kwh = 0.25 } ] }
            ]
            location { name = "Depot One", address = "Hauptstrasse 1", city = Berlin, postal-code = "10115", country = DEU, latitude = "52.520008", longitude = "13.404954" }
            evses = [ { id = e-1, evse-id = "DEPNXE123456*1" } ]
          }
        }
        """;

    public static BillingSite Site(string text = Config)
    {
        using var file = new TempConfig(text);
        return new BillingSite(SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: new Hashtable())));
    }

    /// <summary>A transaction across the 22:00 time-of-use edge with a site pause, EV idle and signed start and end values.</summary>
    public static ChargingSession Signed(string uuid, ECDsa meterKey)
    {
        var token = new IdToken("04A2B3C4", "ISO14443");
        var history = new (long, IEvseHistoryEvent)[]
        {
            (1, new SessionStarted(uuid, T0, "EVConnected", null, 1000, 12)),
            (2, new TransactionStarted(uuid, T0, token, 1000, null, Ocmf(meterKey, 'B', 1.0m))),
            (3, new CsmsTransactionIdAssigned(uuid, "csms-7", T0)),
            (4, new ChargingStarted(uuid, T0.AddMinutes(1), 1000)),
            (5, new ChargingPaused(uuid, T0.AddMinutes(20), PauseCause.Site, "grid", 4000)),
            (6, new ChargingResumed(uuid, T0.AddMinutes(30), PauseCause.Site, 4000)),
            (7, new ChargingPaused(uuid, T0.AddMinutes(90), PauseCause.Ev, null, 15000)),
            (8, new TransactionFinished(uuid, T0.AddMinutes(130), "EVDisconnected", 15000, null, Ocmf(meterKey, 'E', 15.0m), Convert.ToHexString(meterKey.ExportSubjectPublicKeyInfo()))),
        };
        return Assert.Single(BillingHistoryFold.Replay(history).Finished);
    }

    /// <summary>A transaction that opened and closed at once, by a token type OCPI has no name for.</summary>
    public static ChargingSession Instant(string uuid) =>
        Assert.Single(BillingHistoryFold.Replay(
        [
            (1, new TransactionStarted(uuid, T0, new IdToken("=cmd|' /C calc'!A0", "KeyCode"), 500, null, null)),
            (2, new TransactionFinished(uuid, T0, "Local", 500, null, null, null)),
        ]).Finished);

    /// <summary>Originals, a credit and a free replacement; a voided one; an overlong session uuid; an instant transaction.</summary>
    public static ImmutableArray<ChargeDetailRecord> All(BillingSite site, ECDsa meterKey)
    {
        var signed = Signed("0f8e4a2c-6b1d-4c3e-9a7f-1234567890ab", meterKey);
        var other = Signed("second-session", meterKey);
        var overlong = Signed(new string('x', 50), meterKey);
        var instant = Instant("instant");
        return CdrLedger.Build(
            [(site.EvseFor("e-1"), signed), (site.EvseFor("e-2"), other), (site.EvseFor("e-2"), overlong), (site.EvseFor("e-1"), instant)],
            [
                new SessionCorrected(signed.SessionUuid, T0.AddDays(1), CorrectionKind.Free, null, "charger fault " + new string('!', 300), "operator"),
                new SessionCorrected("second-session", T0.AddDays(2), CorrectionKind.Void, null, "test", null),
            ],
            site.Tariffs).Records;
    }

    public static SignedMeterValue Ocmf(ECDsa key, char phase, decimal kwh)
    {
        var payload = "{\"FV\":\"1.0\",\"GI\":\"TEST\",\"GS\":\"0815\",\"PG\":\"T1\",\"IS\":true,\"IT\":\"ISO14443\",\"ID\":\"04A2B3C4\",\"RD\":[{\"TM\":\"2026-03-02T20:30:00,000+0000 S\",\"TX\":\""
            + phase + "\",\"RV\":" + kwh.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"RI\":\"01-00:98.08.00.FF\",\"RU\":\"kWh\",\"ST\":\"G\"}]}";
        var signature = Convert.ToHexString(key.SignData(Encoding.UTF8.GetBytes(payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        return new SignedMeterValue($"OCMF|{payload}|{{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"{signature}\"}}", "ECDSA-secp256r1-SHA256", "OCMF");
    }
}
