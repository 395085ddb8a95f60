# Everest.Site controller image. Two stages: the SDK publishes the app; the runtime image carries only the
# published files, the configuration examples and a non-root user.
#   docker build -t everest-site .
#   docker run --rm everest-site config check --config /etc/everest-site/site.conf
# The MQTT client is MQTTnet (managed code), so no native MQTT library is installed: libmosquitto1, which
# the first versions of the controller loaded, is no longer needed.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so that a source change does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Everest.Site.Hocon/Everest.Site.Hocon.csproj src/Everest.Site.Hocon/
COPY src/Everest.Site.Mqtt/Everest.Site.Mqtt.csproj src/Everest.Site.Mqtt/
COPY src/Everest.Site.EverestApi/Everest.Site.EverestApi.csproj src/Everest.Site.EverestApi/
COPY src/Everest.Site.Domain/Everest.Site.Domain.csproj src/Everest.Site.Domain/
COPY src/Everest.Site.Simulator/Everest.Site.Simulator.csproj src/Everest.Site.Simulator/
COPY src/Everest.Site/Everest.Site.csproj src/Everest.Site/
RUN dotnet restore src/Everest.Site/Everest.Site.csproj
COPY hocon/ hocon/
COPY src/ src/
RUN dotnet publish src/Everest.Site/Everest.Site.csproj -c Release --no-restore -o /out -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# The image's unprivileged user "app" runs the controller; its data lives in a volume it owns.
RUN mkdir -p /var/lib/everest-site && chown app:app /var/lib/everest-site && chmod 0700 /var/lib/everest-site
COPY --from=build /out /opt/everest-site
COPY hocon/ /etc/everest-site/
USER app
WORKDIR /var/lib/everest-site
VOLUME /var/lib/everest-site
# The HTTP API and dashboard (everest-site.http.urls; bind 0.0.0.0 inside a container, publish on the host's loopback).
EXPOSE 5080
# SIGTERM (docker stop) shuts the controller down in order: communication check false, actors stopped, journal flushed.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "/opt/everest-site/everest-site.dll"]
CMD ["run", "--config", "/etc/everest-site/site.conf"]
