using System.Collections;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.EverestApi.Tests.Support;

/// <summary>
/// Finds the properties a decoded object graph kept in <see cref="EverestObject.AdditionalProperties"/>: for a
/// payload built from the spec's own schema there must be none, or a record misspells a property name.
/// </summary>
public static class AdditionalPropertyScanner
{
    public static IReadOnlyList<string> Find(object? value)
    {
        var found = new List<string>();
        Walk(value, "$", found, 0);
        return found;
    }

    private static void Walk(object? value, string path, List<string> found, int depth)
    {
        if (value is null || depth > 32 || value is string || value.GetType().IsPrimitive || value is DateTimeOffset)
        {
            return;
        }

        if (value is IEnumerable items and not EverestObject)
        {
            var index = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{index++}]", found, depth + 1);
            }

            return;
        }

        if (value is not EverestObject record)
        {
            return;
        }

        if (record.AdditionalProperties is { Count: > 0 } extra)
        {
            found.AddRange(extra.Keys.Select(key => $"{path}.{key} (not modelled by {value.GetType().Name})"));
        }

        foreach (var property in value.GetType().GetProperties())
        {
            if (property.Name != nameof(EverestObject.AdditionalProperties) && property.GetIndexParameters().Length == 0
                && property.DeclaringType != typeof(EverestObject) && property.Name != "EqualityContract")
            {
                Walk(property.GetValue(value), $"{path}.{property.Name}", found, depth + 1);
            }
        }
    }
}
