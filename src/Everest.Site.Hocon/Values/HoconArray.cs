namespace Everest.Site.Hocon;

/// <summary>An ordered list of resolved values.</summary>
public sealed class HoconArray : HoconValue
{
    public HoconArray(IReadOnlyList<HoconValue> items, HoconOrigin origin)
        : base(origin) => Items = items;

    public override HoconValueKind Kind => HoconValueKind.Array;

    public IReadOnlyList<HoconValue> Items { get; }

    internal override HoconValue WithOrigin(HoconOrigin origin) => new HoconArray(Items, origin);
}
