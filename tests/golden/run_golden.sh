#!/usr/bin/env bash
# Golden CLI test driver: runs one case of tests/golden/ and compares.
#
#   run_golden.sh ETLDAG SOURCE_DIR CASE_DIR
#
# A case is a directory with:
#   cmd              the arguments after `etldag`, one per line; @DATA@ and
#                    @TESTS@ become the repository's data/ and tests/ (the
#                    command runs in SOURCE_DIR, so paths in output are relative)
#   exit_code        the expected exit status (default 0)
#   stdout           expected stdout, byte for byte            (optional)
#   stdout_contains  lines that must each occur in stdout      (optional)
#   stderr_contains  lines that must each occur in stderr      (optional)
#   stderr           expected stderr, byte for byte (an empty file: none)
#                                                              (optional)
#   env              NAME=VALUE lines set for the command (@DATA@/@TESTS@
#                    expanded), e.g. ETLDAG_GRAPH=@TESTS@/...  (optional)
#   stdin            fed to stdin (default: /dev/null)         (optional)
#   pipe             a shell command stdout is piped into (e.g. `head -n 1`);
#                    its output is what `stdout` is compared with, and the exit
#                    status checked is etldag's own                (optional)
# Whatever the case, stdout must be empty when the exit status is 2 or more.
# ETLDAG_GOLDEN_UPDATE=1 rewrites `stdout` and `exit_code` from the actual run
# (review the diff before committing!).
set -u
if [[ $# -ne 3 ]]; then
  echo "usage: $0 ETLDAG SOURCE_DIR CASE_DIR" >&2
  exit 2
fi
etldag=$1 src=$2 case_dir=$3
name=$(basename "$case_dir")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

args=()
while IFS= read -r line || [[ -n $line ]]; do
  line=${line//@DATA@/data}
  line=${line//@TESTS@/tests}
  args+=("$line")
done < "$case_dir/cmd"

envs=()
if [[ -f $case_dir/env ]]; then
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line//@DATA@/data}
    line=${line//@TESTS@/tests}
    [[ -n $line ]] && envs+=("$line")
  done < "$case_dir/env"
fi

input=/dev/null
[[ -f $case_dir/stdin ]] && input=$case_dir/stdin
cd "$src" || exit 2
if [[ -f $case_dir/pipe ]]; then
  pipe_cmd=$(cat "$case_dir/pipe")
  env "${envs[@]}" "$etldag" "${args[@]}" < "$input" 2> "$tmp/stderr" | bash -c "$pipe_cmd" > "$tmp/stdout"
  code=${PIPESTATUS[0]}
else
  env "${envs[@]}" "$etldag" "${args[@]}" < "$input" > "$tmp/stdout" 2> "$tmp/stderr"
  code=$?
fi

if [[ ${ETLDAG_GOLDEN_UPDATE:-0} == 1 ]]; then
  echo "$code" > "$case_dir/exit_code"
  if [[ ! -f $case_dir/stdout_contains ]]; then cp "$tmp/stdout" "$case_dir/stdout"; fi
  echo "golden $name: updated (exit $code)"
  exit 0
fi

failed=0
fail() {
  echo "golden $name: FAIL: $*"
  failed=1
}
expected_code=0
[[ -f $case_dir/exit_code ]] && expected_code=$(tr -d '[:space:]' < "$case_dir/exit_code")
[[ $code == "$expected_code" ]] || fail "exit code $code, expected $expected_code"
if (( code >= 2 )) && [[ -s $tmp/stdout ]]; then
  fail "exit code $code but stdout is not empty"
fi
if [[ -f $case_dir/stdout ]] && ! cmp -s "$case_dir/stdout" "$tmp/stdout"; then
  fail "stdout differs (- expected, + actual):"
  diff -u "$case_dir/stdout" "$tmp/stdout" | head -n 60
fi
if [[ -f $case_dir/stderr ]] && ! cmp -s "$case_dir/stderr" "$tmp/stderr"; then
  fail "stderr differs (- expected, + actual):"
  diff -u "$case_dir/stderr" "$tmp/stderr" | head -n 20
fi
check_contains() {  # FILE_OF_LINES ACTUAL WHAT
  while IFS= read -r want || [[ -n $want ]]; do
    [[ -z $want ]] && continue
    grep -qF -- "$want" "$2" || fail "$3 lacks: $want"
  done < "$1"
}
[[ -f $case_dir/stdout_contains ]] && check_contains "$case_dir/stdout_contains" "$tmp/stdout" stdout
[[ -f $case_dir/stderr_contains ]] && check_contains "$case_dir/stderr_contains" "$tmp/stderr" stderr

if (( failed )); then
  echo "--- command: etldag ${args[*]}"
  echo "--- stderr:"
  head -n 40 "$tmp/stderr"
  exit 1
fi
echo "golden $name: ok"
