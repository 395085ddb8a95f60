#!/usr/bin/env bash
# Installs what the test suite and the product need on a Debian machine (run as root, or it uses sudo):
# mosquitto (broker, for integration tests and real sites), mosquitto-clients (mosquitto_sub/mosquitto_pub: the
# tests watch the demo's embedded broker with them, and our MQTT benchmark compares against them), postgresql (server for the
# PostgreSQL journal tests), chromium (the dashboard's browser test) and docker-compose (a test validates
# docker-compose.yml with it; no container is started). The .NET SDK is expected on PATH.
set -euo pipefail
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
packages=(mosquitto mosquitto-clients postgresql chromium docker-compose)
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${packages[@]}"
# Debian starts a system-wide mosquitto and PostgreSQL where an init system runs; the tests start their own
# instances on free loopback ports, so those are not needed (and not relied on).
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK (10.0) is not on PATH: install it from Microsoft's packages before running the tests." >&2
  exit 1
fi
