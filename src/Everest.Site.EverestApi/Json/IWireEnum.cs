namespace Everest.Site.EverestApi.Json;

/// <summary>
/// A string enumeration of the EVerest API. Values are kept as the exact wire string, so a value
/// that a newer EVerest adds (unknown to us) is decoded, carried and re-encoded unchanged.
/// </summary>
public interface IWireEnum<TSelf>
    where TSelf : struct, IWireEnum<TSelf>
{
    /// <summary>The exact spelling on the wire.</summary>
    string Value { get; }

    /// <summary>True when the value is one of the spellings this version of the contract knows.</summary>
    bool IsKnown { get; }

    /// <summary>Every spelling this version of the contract knows, in the order the spec lists them.</summary>
    static abstract IReadOnlyList<TSelf> Known { get; }

    /// <summary>Wraps a wire spelling, known or not.</summary>
    static abstract TSelf FromWire(string value);
}
