#!/usr/bin/env bash
# Installs what building soc2scope needs, from Debian's packages only, and nothing that is
# already there. With --test it also installs what the test suite needs (Node.js and the
# JSON Schema validator from npm, clang for the sanitizer build, clang-format).
set -euo pipefail

packages=(cmake ninja-build g++ pkg-config
          libcli11-dev libyaml-dev libyaml-cpp-dev nlohmann-json3-dev libspdlog-dev libfmt-dev
          libssl-dev libarchive-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(catch2 clang clang-format git libxml2-utils chromium)
  # A machine may already have Node.js from elsewhere (its npm bundled); Debian's npm
  # package would conflict with it, so only the missing commands are installed.
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ "${1:-}" == "--test" ]]; then
  # The schema tests validate with an independent validator (ajv), the browser tests drive
  # Debian's chromium with playwright-core (no browser download), and Mermaid's own bundle
  # draws our diagrams; versions are pinned by tests/schema/package-lock.json and installed
  # again whenever it changes.
  here=$(cd "$(dirname "$0")/.." && pwd)
  stamp="$here/tests/schema/node_modules/.soc2scope-lock"
  if ! cmp -s "$here/tests/schema/package-lock.json" "$stamp"; then
    (cd "$here/tests/schema" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$here/tests/schema/package-lock.json" "$stamp"
  fi
fi
