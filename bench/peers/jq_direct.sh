#!/usr/bin/env bash
# The runbook's jq: direct successors of one op (not transitive).
exec jq --arg x "$2" '[.[] | select(.name == $x) | {name, inputs, downstream: .successors}]' "$1"
