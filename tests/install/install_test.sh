#!/usr/bin/env bash
# Installs the build into a staging prefix and uses it from there:
#   1. DESTDIR=STAGE cmake --install BUILD --prefix /usr/local
#   2. STAGE/usr/local/bin/etldag --version and one query on data/
#   3. the Python module (when built) imports from the staged dist-packages
#   4. the man page and the bash/zsh completions are installed (when the
#      build generates them: ETLDAG_GENERATE_MAN_AND_COMPLETIONS)
#   5. when dpkg-deb is there: `cpack -G DEB` builds etldag_*.deb, whose
#      control file depends on libtbb12 and libsimdjson14 and whose contents
#      are the same files under /usr; `apt-get install -s ./etldag_*.deb`
#      (a simulation: no root, nothing installed) resolves every dependency.
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

if command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null; then
  (cd "$stage" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$stage/pkg" >"$stage/cpack.log") \
    || { cat "$stage/cpack.log"; fail "cpack -G DEB"; }
  deb=$(ls "$stage"/pkg/etldag_*.deb)
  info=$(dpkg-deb --info "$deb")
  depends=$(sed -n 's/^ Depends: //p' <<<"$info")
  echo "$(basename "$deb"): Depends: $depends"
  for dep in libtbb12 libsimdjson14 libc6 libstdc++6; do
    grep -q "$dep" <<<"$depends" || fail "the .deb does not depend on $dep"
  done
  contents=$(dpkg-deb --contents "$deb")
  grep -q '\./usr/bin/etldag$' <<<"$contents" || fail "the .deb has no /usr/bin/etldag"
  if [ -n "$module" ]; then
    grep -q "\./usr/lib/python3/dist-packages/$(basename "$module")" <<<"$contents" \
      || fail "the .deb has no Python module in /usr/lib/python3/dist-packages"
  fi
  if [ "$generated" = 1 ]; then
    for f in usr/share/man/man1/etldag.1 usr/share/bash-completion/completions/etldag \
             usr/share/zsh/vendor-completions/_etldag; do
      grep -q "\./$f" <<<"$contents" || fail "the .deb has no /$f"
    done
  fi
  # Every dependency resolvable here, as on a Debian 12 machine (no root needed).
  if command -v apt-get >/dev/null; then
    apt-get install -s "$deb" >"$stage/apt.log" 2>&1 || { cat "$stage/apt.log"; fail "apt-get install -s $deb"; }
  fi
  echo "the .deb holds etldag and its dependencies are declared and resolvable"
else
  echo "skip: dpkg-deb/dpkg-shlibdeps missing, the .deb is not checked"
fi
echo "install test passed"
