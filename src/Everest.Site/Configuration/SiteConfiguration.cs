using System.Collections;
using Everest.Site.Hocon;
using Everest.Site.Hocon.Configuration;
using Everest.Site.Hocon.Conversion;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// The one way the application loads its configuration: the embedded <c>reference.conf</c> (every default)
/// underneath the site file, resolved together as one HOCON document, then environment variables
/// <c>EVERESTSITE_&lt;key with __ for :&gt;</c> on top; and <see cref="BindAndValidate"/> to get checked options.
/// </summary>
public static class SiteConfiguration
{
    public const string EnvironmentPrefix = EnvironmentOverridesConfigurationProvider.Prefix;

    private const string ReferenceResource = "Everest.Site.reference.conf";
    private const string DemoResource = "Everest.Site.demo.conf";

    /// <summary>The embedded <c>hocon/reference.conf</c>.</summary>
    public static string ReferenceConf { get; } = ReadResource(ReferenceResource);

    /// <summary>The embedded <c>hocon/demo.conf</c> that <c>everest-site demo</c> runs.</summary>
    public static string DemoConf { get; } = ReadResource(DemoResource);

    /// <summary>Loads <paramref name="file"/> (with includes and substitutions).</summary>
    /// <param name="file">The site file; null loads the defaults alone.</param>
    /// <param name="includeDefaults">False leaves out reference.conf and the <c>EVERESTSITE_</c> overrides (the file's own <c>${?VAR}</c> still apply).</param>
    /// <param name="environment">Environment variables; null means the process environment.</param>
    /// <exception cref="HoconException">The file cannot be read or resolved (message starts with file:line:column).</exception>
    public static IConfigurationRoot Load(string? file, bool includeDefaults = true, IDictionary? environment = null) =>
        Build(file is null ? null : HoconConfigurationLayer.File(file), includeDefaults, environment);

    /// <summary>Loads the embedded demo configuration over the defaults.</summary>
    /// <param name="environment">Environment variables; null means the process environment.</param>
    /// <param name="overrides">HOCON over demo.conf (what the demo's command line changes), reported under <paramref name="overridesName"/>; null for none.</param>
    /// <param name="overridesName">Where the overrides' values came from, as config check and validation problems name it.</param>
    public static IConfigurationRoot LoadDemo(IDictionary? environment = null, string? overrides = null, string overridesName = "command line") =>
        Build(
            HoconConfigurationLayer.FromText(DemoConf, "demo.conf (embedded)"),
            includeDefaults: true,
            environment,
            overrides is null ? null : HoconConfigurationLayer.FromText(overrides, overridesName));

    private static IConfigurationRoot Build(HoconConfigurationLayer? site, bool includeDefaults, IDictionary? environment, HoconConfigurationLayer? overrides = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        var builder = new ConfigurationBuilder().AddHocon(source =>
        {
            if (includeDefaults)
            {
                source.Layers.Add(HoconConfigurationLayer.FromText(ReferenceConf, "reference.conf"));
            }

            if (site is not null)
            {
                source.Layers.Add(site);
            }

            if (overrides is not null)
            {
                source.Layers.Add(overrides);
            }

            source.Environment = name => environment[name] as string;
        });
        if (includeDefaults)
        {
            builder.Add(new EnvironmentOverridesConfigurationSource(environment));
        }

        return builder.Build();
    }

    /// <summary>
    /// Binds section <c>everest-site</c> and validates it. Every problem is collected, each with its key and the
    /// file:line (or environment variable) its value came from.
    /// </summary>
    /// <exception cref="ConfigurationException">Wrong types, unknown keys, out-of-range values or broken references.</exception>
    public static EverestSiteOptions BindAndValidate(IConfigurationRoot configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        HoconTypeConverters.Register();
        var section = configuration.GetSection(EverestSiteOptions.SectionName);
        if (!section.Exists())
        {
            throw new ConfigurationException([new ConfigurationProblem(EverestSiteOptions.SectionName, null, "expected an 'everest-site { … }' section")]);
        }

        var shapeProblems = CheckShape(configuration);
        if (shapeProblems.Count > 0)
        {
            throw new ConfigurationException(shapeProblems);
        }

        EverestSiteOptions options;
        try
        {
            options = section.Get<EverestSiteOptions>() ?? new EverestSiteOptions();
        }
        catch (InvalidOperationException e)
        {
            // The shape check should have caught this; report it rather than crash.
            throw new ConfigurationException([new ConfigurationProblem(EverestSiteOptions.SectionName, null, e.Message)]);
        }

        var problems = new EverestSiteOptionsValidator(configuration).Validate(options);
        return problems.Count > 0 ? throw new ConfigurationException(problems) : options;
    }

    /// <summary>
    /// Only the checks that need no defaults: values of the wrong type and keys no option reads. This is what
    /// <c>config check --no-defaults</c> runs, since a file without reference.conf is expected to be incomplete.
    /// </summary>
    public static IReadOnlyList<ConfigurationProblem> CheckShape(IConfigurationRoot configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(EverestSiteOptions.SectionName);
        return section.Exists() ? new OptionsShapeChecker(configuration).Check(typeof(EverestSiteOptions), section) : [];
    }

    /// <summary>The resolved HOCON tree with environment overrides applied: what <see cref="BindAndValidate"/> binds.</summary>
    public static HoconObject EffectiveTree(IConfigurationRoot configuration)
    {
        var hocon = configuration.Providers.OfType<HoconConfigurationProvider>().Single();
        var root = hocon.Document?.Root ?? throw new InvalidOperationException("the configuration has not been loaded");
        var overrides = configuration.Providers.OfType<EnvironmentOverridesConfigurationProvider>()
            .SelectMany(p => p.Overrides.Select(o => (o.Key, o.Value, HoconOrigin.Describe($"environment variable {p.VariableFor(o.Key)}"))));
        return ResolvedTreeOverrides.Apply(root, overrides);
    }

    /// <summary>Warnings from loading (e.g. an optional include that does not exist).</summary>
    public static IReadOnlyList<HoconWarning> Warnings(IConfigurationRoot configuration) =>
        configuration.Providers.OfType<HoconConfigurationProvider>().SelectMany(p => p.Document?.Warnings ?? []).ToList();

    private static string ReadResource(string name)
    {
        using var stream = typeof(SiteConfiguration).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from the assembly (the build embeds it from hocon/)");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
