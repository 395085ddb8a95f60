using System.Collections;
using System.Text.Json.Serialization.Metadata;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.EverestApi;

/// <summary>
/// Walks a decoded payload through its source-generated JSON contract and checks every number, timestamp and
/// string against <see cref="PayloadBounds"/>. Runs after decoding, so the fields are found by their type
/// (a <see cref="DateTimeOffset"/> is a timestamp wherever it sits) and named by their wire names in the verdict.
/// </summary>
internal static class PayloadValidator
{
    /// <summary>Types whose timestamps record when something happened, so they cannot lie ahead of our clock.</summary>
    private static readonly HashSet<Type> ObservationTypes =
    [
        typeof(Powermeter), typeof(SessionEvent), typeof(SessionInfo), typeof(SignedMeterValue), typeof(EventData),
        typeof(SecurityEvent), typeof(BootNotificationResponse),
    ];

    /// <summary>The first field out of bounds, or null when the whole payload keeps them.</summary>
    /// <param name="payload">A payload as <see cref="EverestJson.Decode(ReadOnlySpan{byte}, Type)"/> returned it.</param>
    /// <param name="latestObservation">The latest acceptable observation time: our clock plus the allowed skew.</param>
    public static (RejectionReason Reason, string Detail)? FindViolation(object payload, DateTimeOffset latestObservation) =>
        Walk(payload, "payload", Quantity.Other, observation: false, latestObservation);

    private static (RejectionReason, string)? Walk(object? value, string path, Quantity quantity, bool observation, DateTimeOffset latestObservation)
    {
        switch (value)
        {
            case null or bool or int or long or ulong:
                return null;
            case double number:
                return CheckNumber(number, path, quantity);
            case float number:
                return CheckNumber(number, path, quantity);
            case DateTimeOffset timestamp:
                return CheckTimestamp(timestamp, path, observation, latestObservation);
            case string text:
                return CheckString(text, path);
            case EverestObject:
                return WalkObject(value, path, quantity, latestObservation);
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    if (Walk(item, $"{path}[{index++}]", quantity, observation, latestObservation) is { } violation)
                    {
                        return violation;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static (RejectionReason, string)? WalkObject(object value, string path, Quantity quantity, DateTimeOffset latestObservation)
    {
        var info = EverestJson.TypeInfo(value.GetType());
        var observation = ObservationTypes.Contains(info.Type);
        foreach (var property in info.Properties)
        {
            if (property.IsExtensionData || property.Get is null)
            {
                // Unknown fields are kept verbatim, never read as facts; the payload size bounds them.
                continue;
            }

            var violation = Walk(property.Get(value), $"{path}.{property.Name}", Classify(property, quantity), observation, latestObservation);
            if (violation is not null)
            {
                return violation;
            }
        }

        return null;
    }

    private static Quantity Classify(JsonPropertyInfo property, Quantity enclosing)
    {
        var name = property.Name;
        if (name.Contains("energy", StringComparison.OrdinalIgnoreCase))
        {
            return Quantity.Energy;
        }

        if (name.Contains("current", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_A", StringComparison.Ordinal) || name.Contains("_A_", StringComparison.Ordinal))
        {
            return Quantity.Current;
        }

        if (name.Contains("voltage", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_V", StringComparison.Ordinal))
        {
            return Quantity.Voltage;
        }

        if (name.Contains("power", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_W", StringComparison.Ordinal))
        {
            return Quantity.Power;
        }

        return enclosing;
    }

    private static (RejectionReason, string)? CheckNumber(double number, string path, Quantity quantity)
    {
        if (!double.IsFinite(number))
        {
            return (RejectionReason.NonFiniteNumber, $"{path} is {number}, not a finite number.");
        }

        var (minimum, maximum, unit) = quantity switch
        {
            Quantity.Energy => (0, PayloadBounds.MaxEnergyWh, " Wh"),
            Quantity.Current => (-PayloadBounds.MaxCurrentA, PayloadBounds.MaxCurrentA, " A"),
            Quantity.Voltage => (-PayloadBounds.MaxVoltageV, PayloadBounds.MaxVoltageV, " V"),
            Quantity.Power => (-PayloadBounds.MaxPowerW, PayloadBounds.MaxPowerW, " W"),
            _ => (-PayloadBounds.MaxMagnitude, PayloadBounds.MaxMagnitude, string.Empty),
        };
        return number < minimum || number > maximum
            ? (RejectionReason.OutOfRange, $"{path} is {number:R}{unit}, outside [{minimum:R}, {maximum:R}].")
            : null;
    }

    private static (RejectionReason, string)? CheckTimestamp(DateTimeOffset timestamp, string path, bool observation, DateTimeOffset latestObservation)
    {
        if (timestamp < PayloadBounds.EarliestTimestamp)
        {
            return (RejectionReason.ImpossibleTimestamp, $"{path} is {timestamp:O}, before {PayloadBounds.EarliestTimestamp:yyyy-MM-dd}.");
        }

        if (observation && timestamp > latestObservation)
        {
            return (RejectionReason.ImpossibleTimestamp, $"{path} is {timestamp:O}, after our clock plus the allowed skew ({latestObservation:O}).");
        }

        return timestamp >= PayloadBounds.LatestPlannedTimestamp
            ? (RejectionReason.ImpossibleTimestamp, $"{path} is {timestamp:O}, not before {PayloadBounds.LatestPlannedTimestamp:yyyy-MM-dd}.")
            : null;
    }

    private static (RejectionReason, string)? CheckString(string text, string path)
    {
        var field = path[(path.LastIndexOf('.') + 1)..];
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        field = bracket < 0 ? field : field[..bracket];
        var limit = PayloadBounds.LongTextFields.Contains(field) ? PayloadBounds.MaxLongTextLength : PayloadBounds.MaxIdentifierLength;
        return text.Length > limit
            ? (RejectionReason.StringTooLong, $"{path} has {text.Length} characters, more than {limit}.")
            : null;
    }

    private enum Quantity
    {
        Other,
        Energy,
        Current,
        Voltage,
        Power,
    }
}
