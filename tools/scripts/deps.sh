#!/usr/bin/env bash
# Installs the Debian 12 packages etldag needs — only the missing ones.
# Usage: tools/scripts/deps.sh [EXTRA_PACKAGE...]
set -euo pipefail
pkgs=(cmake g++ make libboost-graph-dev libsimdjson-dev libabsl-dev libtbb-dev
      libgtest-dev libgmock-dev libbenchmark-dev libxxhash-dev zlib1g-dev
      pybind11-dev python3-dev python3-pytest python3-networkx
      zsh file "$@")  # zsh: tests/shell/zsh_completion_test.sh drives the zsh completion;
                      # file: cpack -G DEB finds the ELF files for dpkg-shlibdeps with it
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "deps: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
