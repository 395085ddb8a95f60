namespace Everest.Site.Billing;

// The OCPI 2.2.1 CDR object and its parts, field for field (names are snake_case on the wire).

/// <summary>An OCPI 2.2.1 CDR.</summary>
internal sealed record OcpiCdr(
    string CountryCode,
    string PartyId,
    string Id,
    string StartDateTime,
    string EndDateTime,
    string? SessionId,
    OcpiCdrToken CdrToken,
    string AuthMethod,
    OcpiCdrLocation CdrLocation,
    string? MeterId,
    string Currency,
    IReadOnlyList<OcpiChargingPeriod> ChargingPeriods,
    OcpiSignedData? SignedData,
    OcpiPrice TotalCost,
    OcpiPrice? TotalFixedCost,
    decimal TotalEnergy,
    OcpiPrice? TotalEnergyCost,
    decimal TotalTime,
    OcpiPrice? TotalTimeCost,
    decimal? TotalParkingTime,
    OcpiPrice? TotalParkingCost,
    string? Remark,
    bool? Credit,
    string? CreditReferenceId,
    string LastUpdated);

internal sealed record OcpiCdrToken(string CountryCode, string PartyId, string Uid, string Type, string ContractId);

internal sealed record OcpiGeoLocation(string Latitude, string Longitude);

internal sealed record OcpiCdrLocation(
    string Id,
    string? Name,
    string Address,
    string City,
    string? PostalCode,
    string Country,
    OcpiGeoLocation Coordinates,
    string EvseUid,
    string EvseId,
    string ConnectorId,
    string ConnectorStandard,
    string ConnectorFormat,
    string ConnectorPowerType);

internal sealed record OcpiChargingPeriod(string StartDateTime, IReadOnlyList<OcpiCdrDimension> Dimensions, string? TariffId);

internal sealed record OcpiCdrDimension(string Type, decimal Volume);

internal sealed record OcpiSignedData(string EncodingMethod, string? PublicKey, IReadOnlyList<OcpiSignedValue> SignedValues);

internal sealed record OcpiSignedValue(string Nature, string PlainData, string SignedData);

internal sealed record OcpiPrice(decimal ExclVat);
