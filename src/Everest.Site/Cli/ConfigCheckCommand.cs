using System.CommandLine;
using Everest.Site.Configuration;
using Everest.Site.Firmware;
using Everest.Site.Hocon;
using Everest.Site.Hocon.Output;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Cli;

/// <summary>
/// <c>everest-site config check --config FILE [--json] [--no-defaults]</c>: loads the configuration as <c>run</c> would,
/// prints the resolved tree, and binds and validates the options. Exit 0 when usable, 2 (<see cref="ExitCodes.BadInput"/>)
/// with file:line:column or key and origin on stderr when not. Secrets (the MQTT password, the API token, the password in a
/// connection string) are printed as <c>***</c> with their origin (<see cref="SecretMasking"/>).
/// </summary>
public static class ConfigCheckCommand
{
    public static Command Create()
    {
        var configOption = new Option<string>("--config")
        {
            Description = "The site configuration file (HOCON).",
            Required = true,
        };
        var jsonOption = new Option<bool>("--json")
        {
            Description = "Print the resolved tree as a JSON document (numbers and booleans unquoted) instead of annotated HOCON.",
        };
        var noDefaultsOption = new Option<bool>("--no-defaults")
        {
            Description = "Leave out reference.conf and the EVERESTSITE_ environment overrides; the file's own ${?VAR} still apply.",
        };

        var check = new Command("check", "Load, resolve and validate a configuration file, and print the result.");
        check.Options.Add(configOption);
        check.Options.Add(jsonOption);
        check.Options.Add(noDefaultsOption);
        check.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var file = parseResult.GetValue(configOption)!;
            var json = parseResult.GetValue(jsonOption);
            var includeDefaults = !parseResult.GetValue(noDefaultsOption);
            return Run(file, json, includeDefaults, output, error);
        });

        var config = new Command("config", "Work with configuration files.");
        config.Subcommands.Add(check);
        return config;
    }

    private static int Run(string file, bool json, bool includeDefaults, TextWriter output, TextWriter error)
    {
        IConfigurationRoot configuration;
        try
        {
            configuration = SiteConfiguration.Load(file, includeDefaults);
        }
        catch (HoconException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        foreach (var warning in SiteConfiguration.Warnings(configuration))
        {
            error.WriteLine($"warning: {warning}");
        }

        // Without the defaults a file is expected to be incomplete: only wrong types and unknown keys are problems then.
        EverestSiteOptions? options = null;
        IReadOnlyList<ConfigurationProblem> problems = [];
        if (!includeDefaults)
        {
            problems = SiteConfiguration.CheckShape(configuration);
        }
        else
        {
            try
            {
                options = SiteConfiguration.BindAndValidate(configuration);
            }
            catch (ConfigurationException e)
            {
                problems = e.Problems;
            }
        }

        // Firmware trust is read from a file the controller loads at start: checked here so that it fails now.
        if (options is not null && FirmwareTrustAdvice.Problem(options) is { } firmwareProblem)
        {
            var key = OptionKeys.Resolve(options, o => o.Firmware.TrustedCaFile).Key;
            problems = [.. problems, new ConfigurationProblem(key, ConfigurationOrigins.Describe(configuration, key), firmwareProblem)];
            options = null;
        }

        foreach (var warning in options is null ? [] : FirmwareTrustAdvice.Warnings(options))
        {
            error.WriteLine($"warning: {warning}");
        }

        if (problems.Count > 0)
        {
            error.WriteLine($"error: {file}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:");
            foreach (var problem in problems)
            {
                error.WriteLine($"  {problem}");
            }

            return ExitCodes.BadInput;
        }

        var tree = SecretMasking.Apply(SiteConfiguration.EffectiveTree(configuration));
        if (json)
        {
            output.WriteLine(HoconJsonWriter.ToJson(tree));
            return ExitCodes.Success;
        }

        output.WriteLine(includeDefaults
            ? $"# {file} over reference.conf, with {SiteConfiguration.EnvironmentPrefix}* environment overrides; each value's origin follows it"
            : $"# {file} alone (--no-defaults); each value's origin follows it");
        output.Write(HoconTextWriter.ToHocon(tree, withOrigins: true));
        output.WriteLine(options is null
            ? "# types and keys OK (--no-defaults: completeness and ranges are only checked over the defaults)"
            : $"# configuration OK: site '{options.SiteId}', {options.Chargers.Count} chargers, "
              + $"{options.Chargers.Sum(c => c.Evses.Count)} EVSEs, {options.Circuits.Count} circuits");
        return ExitCodes.Success;
    }
}
