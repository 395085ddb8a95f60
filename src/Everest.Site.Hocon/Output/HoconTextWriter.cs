using System.Text;

namespace Everest.Site.Hocon.Output;

/// <summary>
/// Writes a resolved tree as readable HOCON, optionally with each value's origin as a trailing comment,
/// so an operator sees both the effective value and where it was set.
/// </summary>
public static class HoconTextWriter
{
    public static string ToHocon(HoconObject root, bool withOrigins)
    {
        var builder = new StringBuilder();
        WriteFields(builder, root, 0, withOrigins);
        return builder.ToString();
    }

    private static void WriteFields(StringBuilder builder, HoconObject obj, int depth, bool withOrigins)
    {
        foreach (var (key, value) in obj.Fields)
        {
            Indent(builder, depth);
            builder.Append(new HoconPath([key]));
            builder.Append(value is HoconObject ? " " : " = ");
            WriteValue(builder, value, depth, withOrigins);
            builder.Append('\n');
        }
    }

    private static void WriteValue(StringBuilder builder, HoconValue value, int depth, bool withOrigins)
    {
        switch (value)
        {
            case HoconObject obj when obj.Count == 0:
                builder.Append("{}");
                break;
            case HoconObject obj:
                builder.Append("{\n");
                WriteFields(builder, obj, depth + 1, withOrigins);
                Indent(builder, depth);
                builder.Append('}');
                break;
            case HoconArray array when array.Items.Count == 0:
                builder.Append("[]");
                AppendOrigin(builder, array, withOrigins);
                break;
            case HoconArray array when array.Items.All(i => i is HoconScalar):
                builder.Append('[').AppendJoin(", ", array.Items.Select(i => Scalar((HoconScalar)i))).Append(']');
                AppendOrigin(builder, array, withOrigins);
                break;
            case HoconArray array:
                builder.Append("[\n");
                foreach (var item in array.Items)
                {
                    Indent(builder, depth + 1);
                    WriteValue(builder, item, depth + 1, withOrigins);
                    builder.Append('\n');
                }

                Indent(builder, depth);
                builder.Append(']');
                break;
            case HoconScalar scalar:
                builder.Append(Scalar(scalar));
                AppendOrigin(builder, scalar, withOrigins);
                break;
        }
    }

    private static string Scalar(HoconScalar scalar) =>
        scalar.Kind == HoconValueKind.String ? HoconStringQuoter.Quote(scalar.Text!) : scalar.ToString();

    private static void AppendOrigin(StringBuilder builder, HoconValue value, bool withOrigins)
    {
        if (withOrigins)
        {
            builder.Append("  # ").Append(value.Origin);
        }
    }

    private static void Indent(StringBuilder builder, int depth) => builder.Append(' ', depth * 2);
}
