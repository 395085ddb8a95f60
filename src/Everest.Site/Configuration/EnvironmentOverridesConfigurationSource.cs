using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// Environment variables named <c>EVERESTSITE_</c> + a configuration key with <c>__</c> for ':'
/// (e.g. <c>EVERESTSITE_everest-site__grid__max-current-a=100</c>) override the HOCON configuration.
/// Our own provider rather than the stock one so that the variables come from a dictionary (tests, <c>config check</c>)
/// and so that an origin can name the exact variable.
/// </summary>
internal sealed class EnvironmentOverridesConfigurationSource(IDictionary environment) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new EnvironmentOverridesConfigurationProvider(environment);
}
