#!/usr/bin/env bash
# -o onto a file the run reads is refused (exit 2, "output-is-input") and the
# file is left as it was, whichever way the path names it (docs/cli.md).
# Usage: output-never-destroys-input.sh OREBOOK_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/examples/nuestra-senora" "$work/ds"
cp "$src/tests/data/releases/financial.txt" "$work/release.txt"
ln -s "$work/ds/reported.csv" "$work/link.csv"
cp -r "$work/ds" "$work/before"
cp "$work/release.txt" "$work/release.before"
status=0
expect_refused() {
  local what=$1
  shift
  "$bin" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  if [ "$code" != 2 ] || ! grep -q "output-is-input" "$work/err"; then
    echo "FAIL ($what): exit $code, stderr:"
    cat "$work/err"
    status=1
  fi
}
expect_refused "streams.csv" report "$work/ds" --period 2014Q1 -O csv -o "$work/ds/streams.csv"
expect_refused "site.toml" results "$work/ds" --period 2014Q1 -O md -o "$work/ds/site.toml"
expect_refused "a link to reported.csv" report "$work/ds" --period 2014Q1 -o "$work/link.csv"
expect_refused "another spelling" validate "$work/ds" -O json -o "$work/ds/../ds/financials.csv"
expect_refused "the release" check "$work/release.txt" -O text -o "$work/release.txt"
if ! diff -r "$work/before" "$work/ds" >/dev/null || ! cmp -s "$work/release.before" "$work/release.txt"; then
  echo "FAIL: an input changed"
  status=1
fi
# A file beside the inputs that the run does not read is written.
"$bin" report "$work/ds" --period 2014Q1 -o "$work/ds/report.txt" >/dev/null 2>&1 || status=1
[ -s "$work/ds/report.txt" ] || { echo "FAIL: report.txt not written"; status=1; }
exit $status
