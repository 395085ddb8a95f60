using System.Diagnostics.CodeAnalysis;

namespace Everest.Site.Hocon;

/// <summary>An object of resolved values; fields keep the order in which they were first defined.</summary>
public sealed class HoconObject : HoconValue
{
    private readonly IReadOnlyList<KeyValuePair<string, HoconValue>> _fields;
    private readonly Dictionary<string, HoconValue> _byKey;

    public HoconObject(IReadOnlyList<KeyValuePair<string, HoconValue>> fields, HoconOrigin origin)
        : base(origin)
    {
        _fields = fields;
        _byKey = new Dictionary<string, HoconValue>(fields.Count, StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            _byKey[key] = value;
        }
    }

    public override HoconValueKind Kind => HoconValueKind.Object;

    public IReadOnlyList<KeyValuePair<string, HoconValue>> Fields => _fields;

    public int Count => _fields.Count;

    public HoconValue this[string key] => _byKey[key];

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) => _byKey.TryGetValue(key, out value);

    /// <summary>Looks up a path expression such as <c>everest-site.grid."max-current-a"</c>.</summary>
    public bool TryGetPath(string pathExpression, [MaybeNullWhen(false)] out HoconValue value) =>
        TryGetPath(HoconPath.Parse(pathExpression), out value);

    public bool TryGetPath(HoconPath path, [MaybeNullWhen(false)] out HoconValue value)
    {
        HoconValue current = this;
        foreach (var segment in path.Segments)
        {
            if (current is not HoconObject obj || !obj.TryGetValue(segment, out var next))
            {
                value = null;
                return false;
            }

            current = next;
        }

        value = current;
        return true;
    }

    internal override HoconValue WithOrigin(HoconOrigin origin) => new HoconObject(_fields, origin);
}
