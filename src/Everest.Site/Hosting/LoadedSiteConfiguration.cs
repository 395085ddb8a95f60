using Everest.Site.Configuration;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Hosting;

/// <summary>A loaded configuration and the validated site options bound from it.</summary>
public sealed record LoadedSiteConfiguration(IConfigurationRoot Configuration, EverestSiteOptions Options);
