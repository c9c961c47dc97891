#!/usr/bin/env bash
# `etldag completion zsh` is a valid zsh script (zsh -n), when zsh is there.
#
#   zsh_completion_test.sh ETLDAG SOURCE_DIR
set -uo pipefail
if ! command -v zsh >/dev/null; then echo "skip: no zsh here"; exit 0; fi
script=$(mktemp)
trap 'rm -f "$script"' EXIT
"$1" completion zsh >"$script" || exit 1
head -1 "$script" | grep -qx '#compdef etldag' || { echo "FAIL: no #compdef line"; exit 1; }
zsh -n "$script" || { echo "FAIL: zsh -n"; exit 1; }
echo "zsh completion: parses"
