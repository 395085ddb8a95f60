namespace Everest.Site.Testing.Contract;

/// <summary>Which properties <see cref="SchemaSampleGenerator"/> fills in.</summary>
public enum SampleMode
{
    /// <summary>Every declared property, recursively: exercises every field name and type.</summary>
    AllProperties,

    /// <summary>Only required properties: checks that nothing optional is demanded.</summary>
    RequiredOnly,
}
