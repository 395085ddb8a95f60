namespace Everest.Site.Testing.Contract;

/// <summary>A string enumeration found in a spec's schemas, with the JSON pointer where it is declared.</summary>
public sealed record SpecEnum(string Api, string Pointer, IReadOnlyList<string> Values)
{
    /// <summary>The schema name the enum belongs to (e.g. <c>SessionEventEnum</c>, or <c>EnableDisableSource.enable_source</c> for inline enums).</summary>
    public string Name
    {
        get
        {
            var parts = Pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var schemaIndex = Array.IndexOf(parts, "schemas") + 1;
            var names = parts.Skip(schemaIndex).Where(part => part is not ("properties" or "items")).ToArray();
            return string.Join('.', names);
        }
    }
}
