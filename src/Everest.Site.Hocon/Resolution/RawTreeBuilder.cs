namespace Everest.Site.Hocon.Resolution;

/// <summary>
/// Applies field definitions, in the order they are read, to one object: later objects merge into earlier
/// ones, later non-objects replace them, and definitions whose outcome depends on substitutions become
/// <see cref="RawMerge"/> stacks. Also marks self-referential substitutions and captures what they refer to.
/// </summary>
internal sealed class RawTreeBuilder
{
    private readonly RawTreeBuilder? _enclosing;
    private readonly bool _detectSelfReferences;

    /// <param name="root">The object being built.</param>
    /// <param name="absolutePath">Where <paramref name="root"/> sits in the whole document.</param>
    /// <param name="enclosing">The builder of the enclosing object, asked for earlier values this one does not have.</param>
    /// <param name="detectSelfReferences">False for objects inside arrays, whose keys are not document paths.</param>
    public RawTreeBuilder(RawObject root, HoconPath absolutePath, RawTreeBuilder? enclosing, bool detectSelfReferences)
    {
        Root = root;
        AbsolutePath = absolutePath;
        _enclosing = enclosing;
        _detectSelfReferences = detectSelfReferences;
    }

    public RawObject Root { get; }

    public HoconPath AbsolutePath { get; }

    /// <summary>Defines <paramref name="relativePath"/> = <paramref name="value"/> (or <c>+=</c> when <paramref name="append"/>).</summary>
    public void Assign(HoconPath relativePath, RawNode value, bool append)
    {
        var absolute = AbsolutePath.Append(relativePath);
        if (append)
        {
            // 'a += x' is defined by the spec as 'a = ${?a} [x]'.
            var self = new RawSubstitution(absolute, absolute.ToString(), optional: true, value.Origin);
            value = new RawConcatenation([self, new RawArray([value], value.Origin)], value.Origin);
        }

        if (_detectSelfReferences)
        {
            MarkSelfReferences(value, absolute, relativePath);
        }

        var parent = EnsureObject(relativePath.Segments.Take(relativePath.Segments.Count - 1), value.Origin);
        var key = relativePath.Segments[^1];
        parent.Set(key, Merge(parent.Get(key), value));
    }

    /// <summary>
    /// Merges <paramref name="incoming"/> over <paramref name="existing"/>. Objects merge key by key; a resolved
    /// non-object replaces; anything whose kind is only known after resolution is stacked in a <see cref="RawMerge"/>.
    /// </summary>
    public static RawNode Merge(RawNode? existing, RawNode incoming)
    {
        if (existing is null)
        {
            return incoming;
        }

        switch (incoming)
        {
            case RawLiteral or RawArray:
                return incoming;
            case RawObject incomingObject when existing is RawObject existingObject:
                MergeInto(existingObject, incomingObject);
                return existingObject;
            case RawObject incomingObject when existing is RawMerge { TopObject: { } top }:
                MergeInto(top, incomingObject);
                return existing;
            case RawObject when existing is RawLiteral or RawArray:
                return incoming;
        }

        if (existing is RawMerge merge)
        {
            merge.Layers.Add(incoming);
            return merge;
        }

        return new RawMerge([existing, incoming], incoming.Origin);
    }

    private static void MergeInto(RawObject target, RawObject source)
    {
        foreach (var key in source.Keys)
        {
            target.Set(key, Merge(target.Get(key), source.Get(key)!));
        }
    }

    /// <summary>The object at <paramref name="segments"/>, created (or stacked over an unresolved value) as needed.</summary>
    /// <param name="origin">Origin for objects created on the way: the definition that implies them.</param>
    private RawObject EnsureObject(IEnumerable<string> segments, HoconOrigin origin)
    {
        var current = Root;
        foreach (var segment in segments)
        {
            var child = current.Get(segment);
            switch (child)
            {
                case RawObject obj:
                    current = obj;
                    continue;
                case RawMerge { TopObject: { } top }:
                    current = top;
                    continue;
            }

            var created = new RawObject(origin);
            switch (child)
            {
                case null or RawLiteral or RawArray:
                    current.Set(segment, created);
                    break;
                case RawMerge merge:
                    merge.Layers.Add(created);
                    break;
                default:
                    current.Set(segment, new RawMerge([child, created], child.Origin));
                    break;
            }

            current = created;
        }

        return current;
    }

    private void MarkSelfReferences(RawNode value, HoconPath absolute, HoconPath relative)
    {
        (RawNode? Node, HoconPath Remainder)? previous = null;
        Visit(value);

        void Visit(RawNode node)
        {
            switch (node)
            {
                case RawSubstitution { IsSelfReference: false } substitution when substitution.Path.StartsWith(absolute):
                    previous ??= FindPrevious(relative, absolute);
                    var (earlier, remainder) = previous.Value;
                    substitution.MarkSelfReference(earlier?.DeepCopy(), remainder.Append(substitution.Path.Skip(absolute.Segments.Count)));
                    break;
                case RawConcatenation concatenation:
                    concatenation.Parts.ForEach(Visit);
                    break;

                    // Not into arrays or objects: the spec makes 'a = [${a}]' and 'a = { b = ${a} }' cycles, not self-references.
            }
        }
    }

    /// <summary>
    /// The value at <paramref name="relative"/> before the current definition: either the node itself, or the
    /// nearest ancestor that is not a plain object together with the rest of the path to follow after resolving it.
    /// </summary>
    private (RawNode? Node, HoconPath Remainder) FindPrevious(HoconPath relative, HoconPath absolute)
    {
        RawNode current = Root;
        for (var i = 0; i < relative.Segments.Count; i++)
        {
            RawNode? child = current switch
            {
                RawObject obj => obj.Get(relative.Segments[i]),
                _ => null,
            };

            if (current is not RawObject)
            {
                return (current, relative.Skip(i));
            }

            if (child is null)
            {
                return _enclosing is null ? (null, HoconPath.Root) : _enclosing.FindPreviousAbsolute(absolute);
            }

            current = child;
        }

        return (current, HoconPath.Root);
    }

    private (RawNode? Node, HoconPath Remainder) FindPreviousAbsolute(HoconPath absolute) =>
        absolute.StartsWith(AbsolutePath)
            ? FindPrevious(absolute.Skip(AbsolutePath.Segments.Count), absolute)
            : (null, HoconPath.Root);
}
