#!/usr/bin/env bash
# Behaviour of the soc2scope binary that a golden file cannot show: files it writes,
# environment it honours, and the bounds it keeps on hostile input.
#   cli_test.sh BIN REPO_ROOT TEST_NAME
set -u
bin=$(realpath "$1") root=$2 name=$3
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$root" || exit 1
unset NO_COLOR

fail() {
  echo "FAIL [$name]: $*" >&2
  exit 1
}

# expect_exit CODE CMD...: runs CMD, keeps its stderr in $work/err, checks the exit code.
expect_exit() {
  local want=$1
  shift
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [[ $got -eq $want ]] || {
    cat "$work/err" >&2
    fail "expected exit $want, got $got from: $*"
  }
}

# Runs the binary on hostile input with a time limit and, outside sanitizer builds, a 1 GiB
# address-space limit; it must refuse the input (exit 2) naming the file with line:col.
bounded() {
  local file=$1 seconds=2
  [[ -n "${SOC2SCOPE_SANITIZED:-}" ]] && seconds=10
  local start end
  start=$(date +%s%N)
  (
    [[ -n "${SOC2SCOPE_SANITIZED:-}" ]] || ulimit -v 1048576
    exec timeout "$seconds" "$bin" validate -f "$file"
  ) >"$work/out" 2>"$work/err"
  local got=$?
  end=$(date +%s%N)
  [[ $got -eq 2 ]] || {
    head -c 2000 "$work/err" >&2
    fail "$file: expected exit 2, got $got (124 means it ran past ${seconds}s)"
  }
  # The error may sit in an included file, so any file:line:col will do.
  grep -qE "^[^ :]+:[0-9]+:[0-9]+: error: " "$work/err" ||
    fail "$file: no file:line:col error in: $(head -c 500 "$work/err")"
  echo "$file: refused in $(((end - start) / 1000000)) ms: $(head -n 1 "$work/err" | cut -c1-160)"
}

case "$name" in
invalid-corpus)
  # Every malformed fixture: exit 2 with a file:line:col message, quickly, in bounded memory.
  n=0
  for f in tests/fixtures/invalid/*.yaml; do
    bounded "$f" >/dev/null
    n=$((n + 1))
  done
  [[ $n -ge 50 ]] || fail "the bad-input corpus has only $n files"
  # And the ones too large to keep in the repository.
  cd "$work" || exit 1
  head -c $((100 * 1024 * 1024)) /dev/zero | tr '\0' '#' >hundred-mib.yaml
  bounded hundred-mib.yaml
  echo "$n fixtures and a 100 MiB file refused"
  ;;

killed-write)
  # A run killed in the middle of writing its output (here by the file-size limit: SIGXFSZ)
  # leaves the previous file whole.
  for cmd in "--format json check -f examples/gappy/soc2scope.yaml" \
             "--format html statement -f examples/hardware-saas/soc2scope.yaml" \
             "--format csv evidence -f examples/hardware-saas/soc2scope.yaml"; do
    echo "the old report" >"$work/report"
    # shellcheck disable=SC2086
    (ulimit -f 4; exec "$bin" --as-of 2026-11-30 -o "$work/report" $cmd) >/dev/null 2>&1
    status=$?
    [[ $status -ne 0 ]] || fail "the write was not interrupted ($cmd)"
    [[ "$(cat "$work/report")" == "the old report" ]] || fail "an interrupted write damaged the old file ($cmd)"
  done
  echo "old" >"$work/soc2scope.lock.json"
  cp -r examples/hardware-saas "$work/decl"
  cp "$work/soc2scope.lock.json" "$work/decl/soc2scope.lock.json"
  (ulimit -f 1; exec "$bin" -f "$work/decl/soc2scope.yaml" lock --approved-by a --reason r) >/dev/null 2>&1
  [[ "$(cat "$work/decl/soc2scope.lock.json")" == "old" ]] || fail "an interrupted lock damaged the old lock"
  echo "old" >"$work/pack.tar.gz"
  (ulimit -f 2; exec "$bin" --as-of 2026-11-30 -f examples/hardware-saas/soc2scope.yaml evidence --pack "$work/pack.tar.gz") >/dev/null 2>&1
  [[ "$(cat "$work/pack.tar.gz")" == "old" ]] || fail "an interrupted pack damaged the old archive"
  ;;

lock-and-drift)
  cp -r examples/hardware-saas "$work/decl"
  d="$work/decl/soc2scope.yaml"
  expect_exit 0 "$bin" --as-of 2026-11-01 -f "$d" lock --approved-by ciso --reason "Initial boundary"
  cp "$work/decl/soc2scope.lock.json" "$work/first.json"
  expect_exit 0 "$bin" --as-of 2026-11-01 -f "$d" lock -q --approved-by ciso --reason "Initial boundary"
  cmp "$work/first.json" "$work/decl/soc2scope.lock.json" || fail "two locks of the same boundary differ"
  grep -q '"digest": "sha256:' "$work/decl/soc2scope.lock.json" || fail "no digest in the lock"
  expect_exit 0 "$bin" --as-of 2026-11-30 -f "$d" check -q
  # An unapproved narrowing fails CI ...
  perl -0pi -e 's/kind: support_tooling\n    scope: in/kind: support_tooling\n    scope: out\n    rationale: Moved to the vendor/' "$work/decl/components.yaml"
  expect_exit 1 "$bin" --as-of 2026-11-30 -f "$d" check
  grep -q "\[drift.scope-narrowed\] components\[[0-9]*\]\.scope: \`support-console\` narrowed from \`in\` to \`out\`" "$work/out" || fail "no narrowing reported: $(cat "$work/out")"
  # ... until the change is approved with a new lock.
  expect_exit 0 "$bin" --as-of 2026-11-30 -f "$d" lock -q --approved-by ciso --reason "Support moved to the vendor"
  "$bin" --as-of 2026-11-30 -f "$d" check >"$work/out" 2>&1
  grep -q "drift\." "$work/out" && fail "drift remains after the new lock"
  cmp -s "$work/first.json" "$work/decl/soc2scope.lock.json" && fail "the lock did not change"
  true
  ;;

diff-git)
  command -v git >/dev/null || fail "git is needed"
  repo="$work/repo"
  mkdir -p "$repo" && cp -r examples/hardware-saas "$repo/scope"
  (cd "$repo" && git init -q && git -c user.name=t -c user.email=t@example.invalid add . &&
    git -c user.name=t -c user.email=t@example.invalid commit -qm base) || fail "git setup"
  perl -0pi -e 's/  - id: hubspot\n/  - id: grafana\n    kind: monitoring\n    scope: in\n    owner: sre\n    operated_by: us\n  - id: hubspot\n/' "$repo/scope/components.yaml"
  (cd "$repo/scope" && "$bin" --as-of 2026-11-30 diff --against HEAD) >"$work/out" 2>"$work/err"
  [[ $? -eq 1 ]] || fail "diff --against HEAD should exit 1: $(cat "$work/err")"
  grep -q "\[drift.component-added\] components\[[0-9]*\]: \`grafana\`" "$work/out" || fail "the added component (in an included file) is not reported: $(cat "$work/out")"
  grep -q "compared with soc2scope.yaml at HEAD" "$work/out" || fail "the baseline is not named"
  (cd "$repo" && "$bin" --as-of 2026-11-30 -f scope/soc2scope.yaml --format markdown diff --against HEAD) >"$work/md" 2>&1
  grep -q "drift.component-added" "$work/md" || fail "diff from the top of the repository failed: $(cat "$work/md")"
  (cd "$repo/scope" && "$bin" diff --against no-such-rev) >"$work/out" 2>"$work/err" && fail "a bad revision succeeded"
  grep -q "not a git revision" "$work/err" || fail "bad revision: $(cat "$work/err")"
  (cd "$work" && "$bin" -f "$repo/scope/soc2scope.yaml" diff --against HEAD) >"$work/out" 2>"$work/err" && fail "outside a repository succeeded"
  grep -q "not inside a git work tree" "$work/err" || fail "outside a repository: $(cat "$work/err")"
  ;;

junit-xml)
  command -v xmllint >/dev/null || fail "xmllint (libxml2-utils) is needed"
  for decl in examples/gappy/soc2scope.yaml examples/hardware-saas/soc2scope.yaml tests/fixtures/check/hostile-text.yaml; do
    "$bin" --as-of 2026-11-30 --format junit check -f "$decl" >"$work/j.xml"
    xmllint --noout "$work/j.xml" || fail "$decl: not well-formed XML"
    tests=$(xmllint --xpath 'string(/testsuites/@tests)' "$work/j.xml")
    cases=$(xmllint --xpath 'count(//testcase)' "$work/j.xml")
    [[ "$tests" == "$cases" ]] || fail "$decl: tests=$tests but $cases testcases"
    failures=$(xmllint --xpath 'string(/testsuites/@failures)' "$work/j.xml")
    [[ "$failures" == "$(xmllint --xpath 'count(//testcase/failure)' "$work/j.xml")" ]] || fail "$decl: failure count"
    dupes=$(xmllint --xpath '//testcase/@classname | //testcase/@name' "$work/j.xml" | paste - - | sort | uniq -d)
    [[ -z "$dupes" ]] || fail "$decl: duplicate classname+name: $dupes"
  done
  grep -q '<skipped message="waived by ciso' <("$bin" --as-of 2026-11-30 --format junit check -f examples/hardware-saas/soc2scope.yaml) ||
    fail "a waived finding is not skipped"
  ;;

evidence-hash)
  # The manifest is sha256sum's output, byte for byte, names relative to the declaration.
  "$bin" --as-of 2026-11-30 evidence --hash -f examples/hardware-saas/soc2scope.yaml >"$work/manifest" || fail "hash exited $?"
  [[ $(wc -l <"$work/manifest") -ge 10 ]] || fail "manifest too short"
  (cd examples/hardware-saas && sha256sum $(awk '{print $2}' "$work/manifest")) >"$work/expected"
  cmp "$work/expected" "$work/manifest" || fail "manifest differs from sha256sum"
  (cd examples/hardware-saas && sha256sum --quiet -c "$work/manifest") || fail "sha256sum -c rejects the manifest"
  # Odd names and a multi-megabyte file, in a folder walked in sorted order.
  mkdir -p "$work/decl/ev/sub"
  printf 'version: 1\norganization: {name: A, system: B}\naudit: {type: type2, period: {start: 2026-01-01, end: 2026-12-31}}\ncomponents: []\nevidence:\n  - {satisfies: change.deploy-logs, path: ev, collected: 2026-06-01}\n' >"$work/decl/soc2scope.yaml"
  head -c 5000000 /dev/urandom >"$work/decl/ev/big.log"
  echo a >"$work/decl/ev/sp ace.txt"
  echo b >"$work/decl/ev/back\\slash.txt"
  echo c >"$work/decl/ev/sub/z.txt"
  "$bin" --as-of 2026-11-30 evidence --hash -f "$work/decl/soc2scope.yaml" >"$work/manifest2" || fail "hash exited $?"
  (cd "$work/decl" && find ev -type f | LC_ALL=C sort | tr '\n' '\0' | xargs -0 sha256sum) >"$work/expected2"
  cmp "$work/expected2" "$work/manifest2" || { diff "$work/expected2" "$work/manifest2" >&2; fail "manifest of odd names differs from sha256sum"; }
  ;;

evidence-in-working-dir)
  # The commonest run: `soc2scope check` in the folder holding soc2scope.yaml. A path whose
  # folder does not exist is not found, not "outside the folder"; one with .. is outside.
  mkdir -p "$work/decl/ev"
  echo a >"$work/decl/ev/a.txt"
  printf 'version: 1\norganization: {name: A, system: B}\naudit: {type: type2, period: {start: 2026-01-01, end: 2026-12-31}}\ncomponents: []\nevidence:\n  - {satisfies: change.deploy-logs, path: ev/a.txt, collected: 2026-06-01}\n  - {satisfies: change.pr-approvals, path: missing/b.md, collected: 2026-06-01}\n  - {satisfies: boundary.statement, path: ../outside.md, collected: 2026-06-01}\n' >"$work/decl/soc2scope.yaml"
  (cd "$work/decl" && "$bin" --as-of 2026-11-30 --format json check --fail-on never) >"$work/report.json" || fail "check exited $?"
  grep -q '"rule": "evidence.not-found"' "$work/report.json" || fail "missing/b.md is not reported as not found"
  [[ $(grep -c '"rule": "evidence.outside-folder"' "$work/report.json") -eq 1 ]] || fail "expected exactly one outside-folder finding (for ../outside.md)"
  grep -q 'missing/b.md`, outside' "$work/report.json" && fail "missing/b.md is reported as outside the folder"
  (cd "$work/decl" && "$bin" --as-of 2026-11-30 --format json evidence) >"$work/checklist.json" || fail "evidence exited $?"
  grep -q '"reason": "missing/b.md does not exist"' "$work/checklist.json" || fail "the checklist does not say missing/b.md does not exist"
  ;;

evidence-pack)
  decl=examples/hardware-saas/soc2scope.yaml
  "$bin" --as-of 2026-11-30 evidence --pack "$work/bundle.tar.gz" -f "$decl" || fail "pack exited $?"
  tar -tzf "$work/bundle.tar.gz" >"$work/list" || fail "not a tar.gz"
  grep -qx 'soc2scope-evidence/MANIFEST.sha256' "$work/list" || fail "no manifest in the archive"
  grep -qx 'soc2scope-evidence/checklist.md' "$work/list" || fail "no Markdown checklist"
  grep -qx 'soc2scope-evidence/checklist.html' "$work/list" || fail "no HTML checklist"
  [[ $(grep -c '^soc2scope-evidence/files/' "$work/list") -eq 10 ]] || fail "expected 10 evidence files: $(cat "$work/list")"
  mkdir "$work/x" && tar -xzf "$work/bundle.tar.gz" -C "$work/x" 2>/dev/null || fail "cannot extract"
  (cd "$work/x/soc2scope-evidence" && sha256sum --quiet -c MANIFEST.sha256) || fail "extracted files do not match the manifest"
  for f in $(cd "$work/x/soc2scope-evidence/files" && find . -type f); do
    cmp "$work/x/soc2scope-evidence/files/$f" "examples/hardware-saas/$f" || fail "$f differs from the original"
  done
  "$bin" --as-of 2026-11-30 --format markdown evidence -f "$decl" >"$work/checklist.md"
  cmp "$work/checklist.md" "$work/x/soc2scope-evidence/checklist.md" || fail "archived checklist differs"
  "$bin" --as-of 2026-11-30 evidence -q --pack "$work/again.tar.gz" -f "$decl" || fail "second pack failed"
  cmp "$work/bundle.tar.gz" "$work/again.tar.gz" || fail "two packs of the same input differ"
  # Outside the folder: refused, then allowed on request.
  esc=tests/fixtures/evidence/escapes/soc2scope.yaml
  expect_exit 2 "$bin" --as-of 2026-11-30 evidence --pack "$work/esc.tar.gz" -f "$esc"
  grep -q -- "--allow-outside" "$work/err" || fail "no hint about --allow-outside"
  [[ ! -e "$work/esc.tar.gz" ]] || fail "a refused pack left a file"
  expect_exit 0 "$bin" --as-of 2026-11-30 evidence -q --pack "$work/esc.tar.gz" --allow-outside -f "$esc"
  tar -tzf "$work/esc.tar.gz" | grep -q '^soc2scope-evidence/files/outside/' || fail "--allow-outside did not include the outside files"
  ;;

evidence-pack-atomic)
  decl=examples/hardware-saas/soc2scope.yaml
  # The target is a directory: the rename fails, nothing is left behind, the old one stands.
  mkdir "$work/target.tar.gz" && touch "$work/target.tar.gz/keep"
  expect_exit 2 "$bin" --as-of 2026-11-30 evidence --pack "$work/target.tar.gz" -f "$decl"
  [[ -f "$work/target.tar.gz/keep" ]] || fail "the existing target was damaged"
  ls -A "$work" | grep -q '^\.target' && fail "a temporary archive was left behind"
  # An existing archive is replaced whole.
  echo "old" >"$work/old.tar.gz"
  expect_exit 0 "$bin" --as-of 2026-11-30 evidence -q --pack "$work/old.tar.gz" -f "$decl"
  tar -tzf "$work/old.tar.gz" >/dev/null || fail "the replaced archive is not whole"
  ;;

rules-doc)
  # docs/rules.md is generated from the registry; regenerate it with the command below.
  "$bin" rules --format markdown >"$work/rules.md" || fail "rules exited $?"
  diff -u docs/rules.md "$work/rules.md" ||
    fail "docs/rules.md is out of date: soc2scope rules --format markdown > docs/rules.md"
  ;;

schema-bytes)
  "$bin" schema >"$work/schema.json" || fail "schema exited $?"
  cmp "$work/schema.json" schemas/soc2scope.schema.json || fail "schema output differs from schemas/soc2scope.schema.json"
  "$bin" schema --format json -o "$work/schema2.json" || fail "schema -o exited $?"
  cmp "$work/schema2.json" schemas/soc2scope.schema.json || fail "schema -o differs"
  ;;

init-profiles)
  for profile in hardware-saas saas; do
    mkdir -p "$work/$profile"
    expect_exit 0 "$bin" -f "$work/$profile/soc2scope.yaml" init --profile "$profile"
    cmp "$work/$profile/soc2scope.yaml" "templates/$profile.yaml" || fail "$profile: starter differs from templates/$profile.yaml"
    cmp "$work/$profile/soc2scope.schema.json" schemas/soc2scope.schema.json || fail "$profile: schema not written beside it"
    head -n 1 "$work/$profile/soc2scope.yaml" | grep -q '^# yaml-language-server: \$schema=soc2scope.schema.json$' ||
      fail "$profile: starter does not point editors at the schema"
    expect_exit 0 "$bin" -f "$work/$profile/soc2scope.yaml" validate
  done
  (cd "$work/saas" && rm -f soc2scope.yaml && "$bin" init --profile saas -q) || fail "init in the current directory failed"
  [[ -f "$work/saas/soc2scope.yaml" ]] || fail "init without -f did not write ./soc2scope.yaml"
  expect_exit 2 "$bin" -f "$work/x.yaml" init --profile enterprise
  [[ ! -e "$work/x.yaml" ]] || fail "an unknown profile still wrote a file"
  ;;

init-refuses-overwrite)
  echo "my own declaration" >"$work/soc2scope.yaml"
  expect_exit 2 "$bin" -f "$work/soc2scope.yaml" init
  grep -q "already exists; pass --force" "$work/err" || fail "no hint about --force"
  [[ "$(cat "$work/soc2scope.yaml")" == "my own declaration" ]] || fail "the existing file was changed"
  expect_exit 0 "$bin" -f "$work/soc2scope.yaml" init --force
  cmp "$work/soc2scope.yaml" templates/hardware-saas.yaml || fail "--force did not write the starter"
  ;;

output-atomic)
  expect_exit 0 "$bin" --format json -o "$work/report.json" validate -f examples/saas/soc2scope.yaml
  grep -q '"valid": true' "$work/report.json" || fail "report not written"
  [[ ! -s "$work/out" ]] || fail "-o still printed the report on stdout"
  ls -A "$work" | grep -q '^\.report\.json\.' && fail "a temporary file was left behind"
  # A directory that cannot be written: the run fails and the old report stays whole.
  mkdir "$work/ro" && echo "old report" >"$work/ro/report.json" && chmod a-w "$work/ro"
  if [[ $(id -u) -ne 0 ]]; then
    expect_exit 2 "$bin" --format json -o "$work/ro/report.json" validate -f examples/saas/soc2scope.yaml
    [[ "$(cat "$work/ro/report.json")" == "old report" ]] || fail "the old report was damaged"
  fi
  # Writing into a missing directory fails cleanly, naming the file.
  expect_exit 2 "$bin" --format json -o "$work/missing/report.json" validate -f examples/saas/soc2scope.yaml
  grep -q "missing/report.json\|$work/missing" "$work/err" || fail "the error does not name the output"
  ;;

no-output-on-invalid)
  echo "old report" >"$work/report.txt"
  expect_exit 2 "$bin" -o "$work/report.txt" validate -f tests/fixtures/invalid/bad-enum-scope.yaml
  [[ "$(cat "$work/report.txt")" == "old report" ]] || fail "an invalid run replaced the report"
  ;;

no-color-env)
  expect_exit 2 "$bin" --color always validate -f tests/fixtures/invalid/bad-enum-scope.yaml
  grep -q $'\x1b\[' "$work/err" || fail "--color always printed no colour"
  NO_COLOR=1 "$bin" --color auto validate -f tests/fixtures/invalid/bad-enum-scope.yaml 2>"$work/err"
  grep -q $'\x1b\[' "$work/err" && fail "NO_COLOR was ignored"
  NO_COLOR=1 "$bin" --color always validate -f tests/fixtures/invalid/bad-enum-scope.yaml 2>"$work/err"
  grep -q $'\x1b\[' "$work/err" || fail "--color always should win over NO_COLOR"
  "$bin" --color never validate -f tests/fixtures/invalid/bad-enum-scope.yaml 2>"$work/err"
  grep -q $'\x1b\[' "$work/err" && fail "--color never printed colour"
  true
  ;;

resource-bounds)
  cd "$work" || exit 1
  # Over the 16 MiB default: refused before it is read.
  head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' '#' >huge.yaml
  bounded huge.yaml
  grep -q "over the 16 MiB limit" "$work/err" || fail "huge.yaml: the size limit is not named"
  # 100,000 levels of flow nesting, of both kinds.
  { printf 'version: 1\nx: '; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; echo; } >deep-seq.yaml
  bounded deep-seq.yaml
  { printf 'version: 1\nx: '; for _ in $(seq 1000); do printf '{a: {a: {a: {a: {a: {a: {a: {a: {a: {a: '; done; echo; } >deep-map.yaml
  bounded deep-map.yaml
  # Alias bomb: nine levels of ten aliases each would expand to 10^9 nodes.
  {
    echo 'version: 1'
    echo 'x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'
    for i in $(seq 1 9); do
      p=$((i - 1))
      echo "x$i: &a$i [*a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p]"
    done
  } >bomb.yaml
  bounded bomb.yaml
  # Binary junk and a file of NUL bytes.
  head -c 1048576 /dev/urandom >junk.yaml
  bounded junk.yaml
  head -c 65536 /dev/zero >zeros.yaml
  bounded zeros.yaml
  # 4 MiB of a long list: under the size limit, so it is parsed; still bounded.
  { echo 'version: 1'; echo 'x-big:'; for _ in $(seq 60000); do echo '  - {a: 1, b: two, c: [3, 4, 5], d: "a longer string of text"}'; done; echo 'unknown_key_at_the_end: 1'; } >big.yaml
  bounded big.yaml
  ;;

directory-and-unreadable)
  expect_exit 2 "$bin" validate -f examples
  grep -q "^examples:1:1: error: cannot read the file: is a directory" "$work/err" || fail "directory: $(cat "$work/err")"
  if [[ $(id -u) -ne 0 ]]; then
    cp examples/saas/soc2scope.yaml "$work/locked.yaml" && chmod 000 "$work/locked.yaml"
    expect_exit 2 "$bin" validate -f "$work/locked.yaml"
    grep -q "permission denied" "$work/err" || fail "unreadable: $(cat "$work/err")"
  fi
  mkfifo "$work/fifo.yaml"
  expect_exit 2 timeout 5 "$bin" validate -f "$work/fifo.yaml"
  grep -q "is not a regular file" "$work/err" || fail "fifo: $(cat "$work/err")"
  ;;

*)
  fail "unknown test"
  ;;
esac
echo "ok [$name]"
