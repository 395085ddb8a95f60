using System.Data.Common;

namespace Everest.Site.Persistence.Sql;

internal static class DbCommandExtensions
{
    /// <summary>Adds a named parameter; both providers accept <c>@name</c> placeholders.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
