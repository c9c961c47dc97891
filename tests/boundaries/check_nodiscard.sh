#!/usr/bin/env bash
# Every function that returns absl::Status or absl::StatusOr is [[nodiscard]]:
# each such declaration in a header (engine/, tools/, python/), and each
# file-local definition in a .cc file (column 0, no header declares it), must
# carry the attribute, so an ignored error fails the -Werror build.
# Friend declarations are exempt (an attribute there must be on a definition).
#   check_nodiscard.sh SOURCE_DIR [FILE...]   (FILEs: check only these; tests)
set -uo pipefail
src=$1
shift
cd "$src" || exit 2
if (($# > 0)); then files=("$@"); else
  mapfile -t files < <(find engine tools python -name '*.h' 2>/dev/null | sort)
fi
bad=0
for f in "${files[@]}"; do
  while IFS= read -r hit; do
    echo "missing [[nodiscard]]: $f:$hit"
    bad=1
  done < <(grep -nE '^[[:space:]]*(static |virtual |inline |constexpr )*absl::Status(Or<.*>)? [A-Za-z_][A-Za-z_0-9]*\(' "$f" |
           grep -v '\[\[nodiscard\]\]')
done
exit $bad
