#!/usr/bin/env bash
# A transitive downstream closure written in jq: breadth-first over
# `successors`, one whole level at a time. The successor map is built with
# from_entries and the visited set grows once per level: jq 1.6 copies the
# accumulator of `reduce` on every step, so the per-op reduce formulation is
# quadratic (minutes at 100,000 ops) and would measure that, not jq's load.
exec jq -r --arg x "$2" '
  (map({key: .name, value: (.successors // [])}) | from_entries) as $s
  | {seen: {}, frontier: [$x]}
  | until(.frontier | length == 0;
      .seen as $seen
      | ([.frontier[] | ($s[.] // [])[]] | unique | map(select($seen[.] | not))) as $new
      | {seen: ($seen + ($new | map({key: ., value: true}) | from_entries)), frontier: $new})
  | .seen | keys[]' "$1"
