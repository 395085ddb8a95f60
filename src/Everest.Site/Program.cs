using Everest.Site.Cli;

return await EverestSiteCli.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
