#!/usr/bin/env bash
# A transitive downstream closure written in jq (breadth-first over successors).
exec jq -r --arg x "$2" '
  (reduce .[] as $o ({}; .[$o.name] = ($o.successors // []))) as $s
  | {seen: {}, frontier: [$x]}
  | until(.frontier | length == 0;
      .frontier as $f
      | reduce ($f[] | ($s[.] // [])[]) as $n (.frontier = [];
          if .seen[$n] then . else .seen[$n] = true | .frontier += [$n] end))
  | .seen | keys[]' "$1"
