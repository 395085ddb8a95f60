namespace Everest.Site.Billing;

/// <summary>The export formats of charge detail records.</summary>
public enum CdrFormat
{
    /// <summary>CSV with the documented column set (<see cref="CdrCsvWriter"/>).</summary>
    Csv,

    /// <summary>A JSON array of our CDR objects (<see cref="CdrJsonWriter"/>).</summary>
    Json,

    /// <summary>A JSON array of OCPI 2.2.1 CDR objects (<see cref="OcpiCdrWriter"/>).</summary>
    Ocpi,
}
