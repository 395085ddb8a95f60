namespace Everest.Site.Hocon.Resolution;

/// <summary>
/// A value as parsed, before substitutions are resolved. The tree built from these is mutable while
/// files are read; a value captured for a self-reference is deep-copied, so later merges cannot change it.
/// </summary>
internal abstract class RawNode(HoconOrigin origin)
{
    public HoconOrigin Origin { get; } = origin;

    public abstract RawNode DeepCopy();
}

/// <summary>A scalar known at parse time.</summary>
internal sealed class RawLiteral(HoconScalar value) : RawNode(value.Origin)
{
    public HoconScalar Value { get; } = value;

    public override RawNode DeepCopy() => this;
}

/// <summary>Whitespace between the parts of a concatenation: kept for strings, ignored between arrays or objects.</summary>
internal sealed class RawWhitespace(string text, HoconOrigin origin) : RawNode(origin)
{
    public string Text { get; } = text;

    public override RawNode DeepCopy() => this;
}

internal sealed class RawArray(List<RawNode> items, HoconOrigin origin) : RawNode(origin)
{
    public List<RawNode> Items { get; } = items;

    public override RawNode DeepCopy() => new RawArray([.. Items.Select(i => i.DeepCopy())], Origin);
}

internal sealed class RawObject(HoconOrigin origin) : RawNode(origin)
{
    /// <summary>Keys in first-definition order.</summary>
    public List<string> Keys { get; } = [];

    private readonly Dictionary<string, RawNode> _values = new(StringComparer.Ordinal);

    public RawNode? Get(string key) => _values.GetValueOrDefault(key);

    public void Set(string key, RawNode value)
    {
        if (!_values.ContainsKey(key))
        {
            Keys.Add(key);
        }

        _values[key] = value;
    }

    public override RawNode DeepCopy()
    {
        var copy = new RawObject(Origin);
        foreach (var key in Keys)
        {
            copy.Set(key, _values[key].DeepCopy());
        }

        return copy;
    }
}

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. A self-reference (the substitution names the field being defined or a
/// path below it) is looked up in the value the field had before this definition, captured in <see cref="Previous"/>.
/// </summary>
internal sealed class RawSubstitution(HoconPath path, string expression, bool optional, HoconOrigin origin) : RawNode(origin)
{
    public HoconPath Path { get; } = path;

    /// <summary>
    /// For a substitution in a file included inside an object: the path as written, tried when the prefixed
    /// <see cref="Path"/> finds nothing (the spec looks in both places, so included files can reach the root).
    /// </summary>
    public HoconPath? UnprefixedPath { get; init; }

    /// <summary>The path as written; also the environment variable name it falls back to.</summary>
    public string Expression { get; } = expression;

    public bool IsOptional { get; } = optional;

    public bool IsSelfReference { get; private set; }

    /// <summary>The earlier value (or the earlier value of an ancestor), or null when there was none.</summary>
    public RawNode? Previous { get; private set; }

    /// <summary>Where to go inside <see cref="Previous"/> to reach the referenced value.</summary>
    public HoconPath PreviousRemainder { get; private set; } = HoconPath.Root;

    public void MarkSelfReference(RawNode? previous, HoconPath remainder)
    {
        IsSelfReference = true;
        Previous = previous;
        PreviousRemainder = remainder;
    }

    public override RawNode DeepCopy()
    {
        var copy = new RawSubstitution(Path, Expression, IsOptional, Origin) { UnprefixedPath = UnprefixedPath };
        if (IsSelfReference)
        {
            copy.MarkSelfReference(Previous?.DeepCopy(), PreviousRemainder);
        }

        return copy;
    }
}

/// <summary>Parts written next to each other in one value: strings concatenate, arrays concatenate, objects merge.</summary>
internal sealed class RawConcatenation(List<RawNode> parts, HoconOrigin origin) : RawNode(origin)
{
    public List<RawNode> Parts { get; } = parts;

    public override RawNode DeepCopy() => new RawConcatenation([.. Parts.Select(p => p.DeepCopy())], Origin);
}

/// <summary>
/// Definitions of one key that can only be merged once substitutions are resolved (bottom first):
/// an upper object merges over a lower object, an upper non-object hides everything below.
/// </summary>
internal sealed class RawMerge(List<RawNode> layers, HoconOrigin origin) : RawNode(origin)
{
    public List<RawNode> Layers { get; } = layers;

    public RawObject? TopObject => Layers[^1] as RawObject;

    public override RawNode DeepCopy() => new RawMerge([.. Layers.Select(l => l.DeepCopy())], Origin);
}
