#!/usr/bin/env bash
# Runs the real binary and compares what it prints, byte for byte, with a golden file.
#   run_golden.sh BIN REPO_ROOT GOLDEN_FILE ARGS...
# The command runs from the repository root so paths in messages are repository-relative.
# SOC2SCOPE_UPDATE_GOLDEN=1 rewrites the golden file instead (review the diff before
# committing it).
set -u
bin=$1 root=$2 golden=$3
shift 3

actual=$(mktemp)
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$actual" "$out" "$err"' EXIT

cd "$root" || exit 1
# Pin everything that could make output depend on the machine: colour, locale, time zone.
env -u NO_COLOR LC_ALL=C TZ=UTC "$bin" "$@" >"$out" 2>"$err" </dev/null
status=$?
{
  printf '$ soc2scope'
  printf ' %s' "$@"
  printf '\nexit: %d\n--- stdout\n' "$status"
  cat "$out"
  printf -- '--- stderr\n'
  cat "$err"
} >"$actual"

if [[ "${SOC2SCOPE_UPDATE_GOLDEN:-}" == "1" ]]; then
  mkdir -p "$(dirname "$golden")"
  cp "$actual" "$golden"
  echo "updated $golden"
  exit 0
fi
if [[ ! -f "$golden" ]]; then
  echo "missing golden file $golden; run with SOC2SCOPE_UPDATE_GOLDEN=1 to create it" >&2
  cat "$actual" >&2
  exit 1
fi
if ! diff -u "$golden" "$actual"; then
  echo "output differs from $golden (SOC2SCOPE_UPDATE_GOLDEN=1 regenerates it)" >&2
  exit 1
fi
