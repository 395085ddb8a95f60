using System.Text;

namespace Everest.Site.Hocon.Resolution;

/// <summary>
/// Resolves the raw tree of a whole document: substitutions are looked up in the merged document
/// (forward references allowed), then in the environment; cycles are reported with the path chain.
/// A value that resolves to nothing (an undefined <c>${?x}</c>) is represented by null and leaves its field unset.
/// </summary>
internal sealed class HoconResolver
{
    private readonly RawObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<HoconPath, HoconValue?> _resolved = [];
    private readonly List<HoconPath> _inProgress = [];
    private const int MaxDepth = 400;
    private int _depth;

    public HoconResolver(RawObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public HoconObject ResolveDocument() =>
        (HoconObject)(Resolve(_root, HoconPath.Root) ?? throw new InvalidOperationException("the root object cannot be undefined"));

    /// <summary>Resolves a node that sits in the document at <paramref name="path"/>, once, watching for cycles.</summary>
    private HoconValue? ResolveAt(RawNode node, HoconPath path, HoconOrigin requestedBy)
    {
        if (_resolved.TryGetValue(path, out var done))
        {
            return done;
        }

        if (_inProgress.Contains(path))
        {
            var chain = _inProgress.SkipWhile(p => !p.Equals(path)).Append(path);
            throw new HoconException(requestedBy, $"substitution cycle: {string.Join(" -> ", chain.Select(p => p.ToString()))}; a value cannot depend on itself")
            {
                IsCycle = true,
            };
        }

        _inProgress.Add(path);
        HoconValue? value;
        try
        {
            value = Resolve(node, path);
        }
        finally
        {
            // An optional substitution may recover from a cycle below it; leave the bookkeeping consistent.
            _inProgress.RemoveAt(_inProgress.Count - 1);
        }

        _resolved[path] = value;
        return value;
    }

    /// <param name="path">The node's place in the document, or null for values that no path can name
    /// (array elements, parts of a concatenation, lower layers of a merge, captured earlier values).</param>
    private HoconValue? Resolve(RawNode node, HoconPath? path)
    {
        // Every cycle through document paths is caught by ResolveAt; this bounds anything else.
        if (++_depth > MaxDepth)
        {
            throw new HoconException(node.Origin, $"substitutions nest more than {MaxDepth} levels deep; expected no cycle between values");
        }

        try
        {
            return ResolveNode(node, path);
        }
        finally
        {
            _depth--;
        }
    }

    private HoconValue? ResolveNode(RawNode node, HoconPath? path)
    {
        switch (node)
        {
            case RawLiteral literal:
                return literal.Value;
            case RawWhitespace whitespace:
                return HoconScalar.String(whitespace.Text, whitespace.Origin);
            case RawArray array:
                {
                    var items = new List<HoconValue>(array.Items.Count);
                    foreach (var item in array.Items)
                    {
                        if (Resolve(item, null) is { } value)
                        {
                            items.Add(value);
                        }
                    }

                    return new HoconArray(items, array.Origin);
                }

            case RawObject obj:
                {
                    var fields = new List<KeyValuePair<string, HoconValue>>(obj.Keys.Count);
                    foreach (var key in obj.Keys)
                    {
                        var child = obj.Get(key)!;
                        var value = path is null ? Resolve(child, null) : ResolveAt(child, path.Append(key), child.Origin);
                        if (value is not null)
                        {
                            fields.Add(new(key, value));
                        }
                    }

                    return new HoconObject(fields, obj.Origin);
                }

            case RawSubstitution substitution:
                return ResolveSubstitution(substitution);
            case RawConcatenation concatenation:
                return ResolveConcatenation(concatenation);
            case RawMerge merge:
                return ResolveMerge(merge, path);
            default:
                throw new InvalidOperationException($"unexpected node {node.GetType().Name}");
        }
    }

    private HoconValue? ResolveSubstitution(RawSubstitution substitution)
    {
        HoconValue? found;
        if (substitution.IsSelfReference)
        {
            found = substitution.Previous is null
                ? null
                : Navigate(Resolve(substitution.Previous, null), substitution.PreviousRemainder);
        }
        else
        {
            try
            {
                found = Lookup(substitution.Path, substitution.Origin);
                if (found is null && substitution.UnprefixedPath is { } unprefixed)
                {
                    found = Lookup(unprefixed, substitution.Origin);
                }
            }
            catch (HoconException e) when (e.IsCycle && substitution.IsOptional)
            {
                // The spec treats a cycle like a missing value for ${?…}.
                found = null;
            }
        }

        if (found is not null)
        {
            return found;
        }

        if (_environment(substitution.Expression) is { } fromEnvironment)
        {
            var origin = substitution.Origin with { Detail = $"environment variable {substitution.Expression}" };
            return HoconScalar.String(fromEnvironment, origin);
        }

        if (substitution.IsOptional)
        {
            return null;
        }

        throw new HoconException(
            substitution.Origin,
            $"could not resolve substitution ${{{substitution.Expression}}}: expected a value at '{substitution.Path}' "
            + $"in the configuration or an environment variable named '{substitution.Expression}' (use ${{?{substitution.Expression}}} if it may be absent)");
    }

    private static HoconValue? Navigate(HoconValue? value, HoconPath remainder)
    {
        if (value is null || remainder.IsRoot)
        {
            return value;
        }

        return value is HoconObject obj && obj.TryGetPath(remainder, out var found) ? found : null;
    }

    /// <summary>Finds the resolved value at an absolute path, resolving only what lies on the way.</summary>
    private HoconValue? Lookup(HoconPath path, HoconOrigin requestedBy)
    {
        RawNode current = _root;
        var currentPath = HoconPath.Root;
        for (var i = 0; i < path.Segments.Count; i++)
        {
            if (current is RawMerge merge && TryFindLiteralInTopLayers(merge, path.Skip(i)) is { } shortcut)
            {
                // A literal in the topmost object hides everything below it, so the lower layers need not be resolved.
                return ResolveAt(shortcut, path, requestedBy);
            }

            if (current is RawMerge inProgress && _inProgress.Contains(currentPath))
            {
                // The merged value is being resolved right now (a field refers to a sibling inside it):
                // look the key up layer by layer instead of resolving the whole merge again.
                return LookupInLayers(inProgress, currentPath, path.Skip(i), requestedBy);
            }

            if (current is not RawObject obj)
            {
                return Navigate(ResolveAt(current, currentPath, requestedBy), path.Skip(i));
            }

            var child = obj.Get(path.Segments[i]);
            if (child is null)
            {
                return null;
            }

            current = child;
            currentPath = currentPath.Append(path.Segments[i]);
        }

        return ResolveAt(current, currentPath, requestedBy);
    }

    /// <summary>
    /// The value at <paramref name="remainder"/> inside a merge, computed from the layers' values at that key:
    /// the topmost non-object wins, objects above it merge. Children of the top layer are resolved at their
    /// document path (cached, cycle-checked) exactly as resolving the whole merge would.
    /// </summary>
    private HoconValue? LookupInLayers(RawMerge merge, HoconPath mergePath, HoconPath remainder, HoconOrigin requestedBy)
    {
        var found = new List<HoconValue>();
        for (var i = merge.Layers.Count - 1; i >= 0; i--)
        {
            var layer = merge.Layers[i];
            HoconValue? value;
            if (layer is RawObject obj)
            {
                var child = obj.Get(remainder.Segments[0]);
                if (child is null)
                {
                    continue;
                }

                var childPath = mergePath.Append(remainder.Segments[0]);
                value = i == merge.Layers.Count - 1
                    ? Navigate(ResolveAt(child, childPath, requestedBy), remainder.Skip(1))
                    : Navigate(Resolve(child, null), remainder.Skip(1));
            }
            else
            {
                var whole = Resolve(layer, null);
                if (whole is null)
                {
                    continue;
                }

                if (whole is not HoconObject)
                {
                    break;
                }

                value = Navigate(whole, remainder);
            }

            if (value is null)
            {
                continue;
            }

            if (value is not HoconObject && found.Count > 0)
            {
                break;
            }

            found.Add(value);
            if (value is not HoconObject)
            {
                break;
            }
        }

        if (found.Count == 0)
        {
            return null;
        }

        var result = found[^1];
        for (var i = found.Count - 2; i >= 0; i--)
        {
            result = MergeResolved((HoconObject)result, (HoconObject)found[i]);
        }

        return result;
    }

    private static RawNode? TryFindLiteralInTopLayers(RawMerge merge, HoconPath remainder)
    {
        RawNode? current = merge.TopObject;
        foreach (var segment in remainder.Segments)
        {
            current = current is RawObject obj ? obj.Get(segment) : null;
        }

        return current is RawLiteral or RawArray ? current : null;
    }

    private HoconValue? ResolveConcatenation(RawConcatenation concatenation)
    {
        var values = new List<(HoconValue Value, bool IsWhitespace)>();
        var anyDefined = false;
        foreach (var part in concatenation.Parts)
        {
            if (Resolve(part, null) is { } value)
            {
                var isWhitespace = part is RawWhitespace;
                values.Add((value, isWhitespace));
                anyDefined |= !isWhitespace;
            }
        }

        if (!anyDefined)
        {
            return null;
        }

        var structured = values.FirstOrDefault(v => v.Value.Kind is HoconValueKind.Object or HoconValueKind.Array && !v.IsWhitespace).Value;
        if (structured is null)
        {
            var text = new StringBuilder();
            foreach (var (value, _) in values)
            {
                text.Append(((HoconScalar)value).ConcatenationText);
            }

            return HoconScalar.String(text.ToString(), concatenation.Origin);
        }

        // Between arrays or objects whitespace means nothing; anything else is a mix the spec forbids.
        var parts = values.Where(v => !v.IsWhitespace).Select(v => v.Value).ToList();
        foreach (var part in parts)
        {
            if (part.Kind != structured.Kind)
            {
                throw new HoconException(
                    part.Origin,
                    $"cannot concatenate {Describe(structured.Kind)} with {Describe(part.Kind)}; expected only {Describe(structured.Kind)}s in this value");
            }
        }

        if (structured.Kind == HoconValueKind.Array)
        {
            return new HoconArray([.. parts.SelectMany(p => ((HoconArray)p).Items)], concatenation.Origin);
        }

        var merged = (HoconObject)parts[0];
        foreach (var part in parts.Skip(1))
        {
            merged = MergeResolved(merged, (HoconObject)part);
        }

        return merged.WithOrigin(concatenation.Origin);
    }

    private HoconValue? ResolveMerge(RawMerge merge, HoconPath? path)
    {
        HoconObject? upper = null;
        for (var i = merge.Layers.Count - 1; i >= 0; i--)
        {
            // Only the top layer may use the document path: lower object layers would collide with it in the cache.
            var value = Resolve(merge.Layers[i], i == merge.Layers.Count - 1 ? path : null);
            switch (value)
            {
                case null:
                    continue;
                case HoconObject obj:
                    upper = upper is null ? obj : MergeResolved(obj, upper);
                    continue;
                default:
                    return upper ?? value;
            }
        }

        return upper;
    }

    /// <summary>Merges two resolved objects; <paramref name="upper"/> wins for non-object values.</summary>
    internal static HoconObject MergeResolved(HoconObject lower, HoconObject upper)
    {
        var fields = new List<KeyValuePair<string, HoconValue>>(lower.Count + upper.Count);
        foreach (var (key, value) in lower.Fields)
        {
            if (!upper.TryGetValue(key, out var over))
            {
                fields.Add(new(key, value));
            }
            else if (value is HoconObject lowerChild && over is HoconObject upperChild)
            {
                fields.Add(new(key, MergeResolved(lowerChild, upperChild)));
            }
            else
            {
                fields.Add(new(key, over));
            }
        }

        foreach (var (key, value) in upper.Fields)
        {
            if (!lower.TryGetValue(key, out _))
            {
                fields.Add(new(key, value));
            }
        }

        return new HoconObject(fields, upper.Origin);
    }

    private static string Describe(HoconValueKind kind) => kind switch
    {
        HoconValueKind.Object => "object",
        HoconValueKind.Array => "array",
        _ => "string",
    };
}
