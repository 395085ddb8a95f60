namespace Everest.Site.Hocon;

/// <summary>The kinds of value a resolved HOCON tree holds (the JSON kinds).</summary>
public enum HoconValueKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}
