using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// Configuration keys derived from the options classes themselves, so that no key is spelled a second time: a
/// property's key is its <see cref="ConfigurationKeyNameAttribute"/> name, else its name in lower case (what the
/// binder matches, case-insensitively).
/// </summary>
internal static class OptionKeys
{
    /// <summary>The configuration key of one property.</summary>
    public static string NameOf(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name.ToLowerInvariant();
    }

    /// <summary>
    /// Follows <paramref name="selector"/> (properties and list indexers, e.g. <c>o =&gt; o.Chargers[c].Evses[e].Id</c>)
    /// from <paramref name="root"/>: the full key (<c>everest-site:chargers:0:evses:1:id</c>) and the value there. An
    /// optional setting may be given a fallback (<c>o =&gt; o.Simulator.EvseCount ?? 0</c>): the key is the setting's,
    /// the value the fallback when the setting is unset.
    /// </summary>
    /// <exception cref="ArgumentException">The selector is not a chain of properties and indexers.</exception>
    public static (string Key, T Value) Resolve<T>(EverestSiteOptions root, Expression<Func<EverestSiteOptions, T>> selector)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(selector);
        var segments = new List<string> { EverestSiteOptions.SectionName };
        var value = Walk(selector.Body, root, segments);
        return (ConfigurationPath.Combine(segments), (T)value!);
    }

    private static object? Walk(Expression expression, EverestSiteOptions root, List<string> segments)
    {
        switch (expression)
        {
            case ParameterExpression:
                return root;
            case MemberExpression { Member: PropertyInfo { Name: "Value" } nullableValue, Expression: { } nullable }
                when Nullable.GetUnderlyingType(nullableValue.DeclaringType!) is not null:
                // x.Count!.Value: the value of an optional setting, under the setting's own key.
                return Walk(nullable, root, segments);
            case MemberExpression { Member: PropertyInfo property, Expression: { } owner }:
                var parent = Walk(owner, root, segments);
                segments.Add(NameOf(property));
                return property.GetValue(parent);
            case MethodCallExpression { Method.Name: "get_Item", Object: { } list, Arguments: [var indexExpression] }:
                var items = (IList)Walk(list, root, segments)!;
                var index = EvaluateIndex(indexExpression);
                segments.Add(index.ToString(CultureInfo.InvariantCulture));
                return items[index];
            case BinaryExpression { NodeType: ExpressionType.Coalesce, Conversion: null } coalesce:
                // x.Price ?? 0: an optional setting checked as if it had the fallback, under the setting's own key.
                return Walk(coalesce.Left, root, segments) ?? Evaluate(coalesce.Right);
            case UnaryExpression { NodeType: ExpressionType.Convert } conversion:
                // A widening the caller's parameter type asks for (int to long, TimeSpan? to TimeSpan).
                var operand = Walk(conversion.Operand, root, segments);
                var target = Nullable.GetUnderlyingType(conversion.Type) ?? conversion.Type;
                return operand is null || target.IsInstanceOfType(operand) ? operand : Convert.ChangeType(operand, target, CultureInfo.InvariantCulture);
            default:
                throw new ArgumentException($"'{expression}' is not a path of options properties and list indexes (optionally ?? a fallback).", nameof(expression));
        }
    }

    private static object? Evaluate(Expression fallback) => fallback is ConstantExpression constant
        ? constant.Value
        : Expression.Lambda<Func<object?>>(Expression.Convert(fallback, typeof(object))).Compile(preferInterpretation: true)();

    private static int EvaluateIndex(Expression index) => index switch
    {
        ConstantExpression { Value: int value } => value,

        // A loop variable captured by the selector's closure.
        MemberExpression { Member: FieldInfo field, Expression: ConstantExpression closure } => (int)field.GetValue(closure.Value)!,
        _ => Expression.Lambda<Func<int>>(index).Compile(preferInterpretation: true)(),
    };
}
