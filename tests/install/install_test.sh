#!/usr/bin/env bash
# Installs the build into a staging prefix and uses it from there:
#   1. DESTDIR=STAGE cmake --install BUILD --prefix /usr/local
#   2. STAGE/usr/local/bin/etldag --version and one query on data/
#   3. the Python module (when built) imports from the staged dist-packages
#   4. the man page and the bash/zsh completions are installed (when the
#      build generates them: ETLDAG_GENERATE_MAN_AND_COMPLETIONS)
#   5. `cpack -G DEB` builds etldag_*.deb, holding the same files under /usr;
#      its Depends names the package of every shared library that an ELF
#      file in it needs (found here independently of dpkg-shlibdeps: ldd,
#      then `dpkg -S`), and python3 for the module's interpreter version
#   6. the .deb, unpacked with `dpkg-deb -x` into a temporary directory, runs
#      from there: etldag --version, one query, `import etldag`
#   7. `apt-get install -s ./etldag_*.deb` (a simulation: nothing installed)
#      resolves every dependency
# The .deb steps need dpkg-dev (a dependency of build-essential) and file
# (tools/scripts/deps.sh): without them the test fails, it does not skip.
#
#   install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(realpath "$1")
src=$(realpath "$2")
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

DESTDIR="$stage/root" cmake --install "$build" --prefix /usr/local >"$stage/install.log" \
  || { cat "$stage/install.log"; fail "cmake --install"; }
bin="$stage/root/usr/local/bin/etldag"
[ -x "$bin" ] || fail "no $bin"
version=$("$bin" --version)
echo "$version"
grep -q '^etldag [0-9]' <<<"$version" || fail "--version: $version"
count=$(cd "$src" && "$bin" downstream data/spark_ops.json contract/transacao-savings-entries --count)
[ "$count" = 1612 ] || fail "installed etldag: downstream --count printed '$count', expected 1612"
echo "installed etldag: downstream --count = $count"

# The Python module, when the build has it: importable from the staged prefix.
module=$(ls "$build"/python/etldag*.so 2>/dev/null | head -1 || true)
if [ -n "$module" ]; then
  pydir=$(ls -d "$stage"/root/usr/local/lib/python3*/dist-packages 2>/dev/null | head -1)
  [ -n "$pydir" ] && [ -e "$pydir/$(basename "$module")" ] || fail "the Python module is not installed"
  first=$(cd "$src" && PYTHONPATH="$pydir" /usr/bin/python3 -c \
    "import etldag; print(etldag.load('data/spark_ops.json').downstream('contract/transacao-savings-entries')[:3])")
  [ "$first" = "['archive/account-backup', 'archive/acquiring-flat-cold', 'archive/address-legacy']" ] \
    || fail "installed module: $first"
  echo "installed Python module: $first"
fi

generated=$(grep -c '^ETLDAG_GENERATE_MAN_AND_COMPLETIONS:BOOL=ON' "$build/CMakeCache.txt" || true)
if [ "$generated" = 1 ]; then
  for f in share/man/man1/etldag.1 share/bash-completion/completions/etldag \
           share/zsh/site-functions/_etldag; do
    [ -s "$stage/root/usr/local/$f" ] || fail "not installed: /usr/local/$f"
  done
  echo "installed: man page, bash and zsh completions"
fi

for tool in dpkg-deb dpkg-shlibdeps dpkg dpkg-query file ldd apt-get; do
  command -v "$tool" >/dev/null \
    || fail "$tool is missing (dpkg-dev comes with build-essential; file, with tools/scripts/deps.sh)"
done
(cd "$stage" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$stage/pkg" >"$stage/cpack.log" 2>&1) \
  || { cat "$stage/cpack.log"; fail "cpack -G DEB"; }
deb=$(ls "$stage"/pkg/etldag_*.deb)
depends=$(dpkg-deb --field "$deb" Depends)
echo "$(basename "$deb"): Depends: $depends"
# The package names in Depends (alternatives included, versions and
# architecture qualifiers dropped).
declared=" $(tr ',|' '\n\n' <<<"$depends" | sed 's/(.*//; s/:.*//; s/[[:space:]]//g' | grep . | tr '\n' ' ')"

contents=$(dpkg-deb --contents "$deb")
grep -q '\./usr/bin/etldag$' <<<"$contents" || fail "the .deb has no /usr/bin/etldag"
if [ -n "$module" ]; then
  grep -q "\./usr/lib/python3/dist-packages/$(basename "$module")$" <<<"$contents" \
    || fail "the .deb has no Python module in /usr/lib/python3/dist-packages"
fi
if [ "$generated" = 1 ]; then
  for f in usr/share/man/man1/etldag.1 usr/share/bash-completion/completions/etldag \
           usr/share/zsh/vendor-completions/_etldag; do
    grep -q "\./$f$" <<<"$contents" || fail "the .deb has no /$f"
  done
fi

# Every shared library an ELF file of the package needs (ldd: the whole
# closure, as the dynamic loader resolves it here) belongs to a package that
# Depends names, unless that package is Essential. ldd prints paths under
# /lib while packages may list them under /usr/lib (merged /usr) and
# symlinks may be listed by either name: each library is looked up by all.
x="$stage/deb"
dpkg-deb -x "$deb" "$x"
elves=()
while IFS= read -r -d '' f; do
  [ "$(head -c4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] && elves+=("$f")
done < <(find "$x" -type f -print0)
((${#elves[@]})) || fail "no ELF file in the .deb"
for f in "${elves[@]}"; do
  ldd "$f" >"$stage/ldd.out" || { cat "$stage/ldd.out"; fail "ldd ${f#"$x"}"; }
  if grep 'not found' "$stage/ldd.out"; then fail "ldd ${f#"$x"}: a library is not found"; fi
  cat "$stage/ldd.out" >>"$stage/ldd.log"
done
libs=$(awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' "$stage/ldd.log" | sort -u)
[ -n "$libs" ] || fail "ldd found no shared library"
alt() {  # the same file's other names: /lib <-> /usr/lib, and the symlink's target
  local p=$1 r
  r=$(realpath "$p")
  for q in "$p" "$r"; do
    echo "$q"
    case $q in /usr/*) echo "${q#/usr}" ;; *) echo "/usr$q" ;; esac
  done
}
owners=$(for l in $libs; do alt "$l"; done | sort -u | xargs dpkg-query -S 2>/dev/null || true)
for l in $libs; do
  pkg=""
  for q in $(alt "$l"); do
    pkg=$(awk -v q="$q" '{ i = index($0, ": /") }  # "pkg:arch[, pkg:arch]: /path"
                          i && substr($0, i + 2) == q { print substr($0, 1, i - 1); exit }' <<<"$owners")
    [ -n "$pkg" ] && break
  done
  [ -n "$pkg" ] || fail "no installed package owns $l"
  for p in $(tr ',' ' ' <<<"$pkg"); do
    p=${p%%:*}
    case "$declared" in *" $p "*) continue ;; esac
    [ "$(dpkg-query -W -f='${Essential}' "$p" 2>/dev/null)" = yes ] && continue
    fail "the .deb needs $l (package $p), but its Depends does not name $p: $depends"
  done
done
echo "the .deb's ${#elves[@]} ELF files need $(wc -w <<<"$libs") shared libraries: all from packages in Depends"

# The Python module: the interpreter it is built for, in Depends.
if [ -n "$module" ]; then
  pyver=$(/usr/bin/python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  grep -q "python3 (>= $pyver~)" <<<"$depends" && grep -q "python3 (<< " <<<"$depends" \
    || fail "the .deb ships a module for Python $pyver but does not depend on python3 (>= $pyver~), python3 (<< ...)"
fi

# Used from the unpacked package.
xbin="$x/usr/bin/etldag"
"$xbin" --version | grep -q '^etldag [0-9]' || fail "the .deb's etldag --version"
count=$(cd "$src" && "$xbin" downstream data/spark_ops.json contract/transacao-savings-entries --count)
[ "$count" = 1612 ] || fail "the .deb's etldag: downstream --count printed '$count', expected 1612"
echo "the .deb's etldag: downstream --count = $count"
if [ -n "$module" ]; then
  first=$(cd "$src" && PYTHONPATH="$x/usr/lib/python3/dist-packages" /usr/bin/python3 -c \
    "import etldag; print(etldag.load('data/spark_ops.json').downstream('contract/transacao-savings-entries')[:3])")
  [ "$first" = "['archive/account-backup', 'archive/acquiring-flat-cold', 'archive/address-legacy']" ] \
    || fail "the .deb's Python module: $first"
  echo "the .deb's Python module: $first"
fi

# Every dependency resolvable here, as on a Debian 12 machine (a simulation:
# nothing is installed, no root needed).
apt-get install -s "$deb" >"$stage/apt.log" 2>&1 || { cat "$stage/apt.log"; fail "apt-get install -s $deb"; }
grep -q '^Inst etldag ' "$stage/apt.log" || { cat "$stage/apt.log"; fail "apt-get install -s: etldag not installed"; }
echo "apt-get install -s $(basename "$deb"): resolves"
echo "install test passed"
