using System.Globalization;
using Everest.Site.Hocon;

namespace Everest.Site.Configuration;

/// <summary>
/// Applies configuration-key overrides (from environment variables) to a resolved HOCON tree, so that
/// <c>config check</c> shows the tree the application will actually bind. Values are read like unquoted HOCON.
/// </summary>
internal static class ResolvedTreeOverrides
{
    public static HoconObject Apply(HoconObject root, IEnumerable<(string Key, string? Value, HoconOrigin Origin)> overrides)
    {
        foreach (var (key, value, origin) in overrides)
        {
            var scalar = value is null ? HoconScalar.Null(origin) : HoconScalar.Infer(value, origin);
            root = (HoconObject)Set(root, key.Split(':'), 0, scalar);
        }

        return root;
    }

    private static HoconValue Set(HoconValue? node, string[] segments, int index, HoconValue value)
    {
        if (index == segments.Length)
        {
            return value;
        }

        var segment = segments[index];
        if (node is HoconArray array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position <= array.Items.Count)
        {
            var items = array.Items.ToList();
            if (position == items.Count)
            {
                items.Add(Set(null, segments, index + 1, value));
            }
            else
            {
                items[position] = Set(items[position], segments, index + 1, value);
            }

            return new HoconArray(items, array.Origin);
        }

        var obj = node as HoconObject;
        var fields = obj?.Fields.ToList() ?? [];
        var existing = fields.FindIndex(f => string.Equals(f.Key, segment, StringComparison.OrdinalIgnoreCase));
        if (existing >= 0)
        {
            fields[existing] = new(fields[existing].Key, Set(fields[existing].Value, segments, index + 1, value));
        }
        else
        {
            fields.Add(new(segment, Set(null, segments, index + 1, value)));
        }

        return new HoconObject(fields, obj?.Origin ?? value.Origin);
    }
}
