#!/usr/bin/env bash
# The ledger from the command line, on a copy of the Nuestra Señora example:
# close 2014Q2, then make the real restatement its operator made without a
# word (the release of Q3 2014 prints the Q2 zinc head grade as 1.49%, the
# release of Q2 printed 1.37%: examples/nuestra-senora/README.md) and check
# that report and results say which figures changed and from which row;
# --as-closed shows the closed figures; closing again needs --restate and a
# note; history lists both versions; a close killed midway leaves the ledger
# as it was; two closes at once are serialised; an entry edited in the
# database (sqlite3, or psql for PostgreSQL) is found by `ledger verify`.
#
#   ledger-cli.sh ORBOOK SOURCE_DIR sqlite
#   ledger-cli.sh ORBOOK SOURCE_DIR postgresql FIXTURE_DIR   (tests/ledger/postgres-start.sh)
set -uo pipefail
orebook=$1
src=$2
backend=$3
fixture=${4:-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ds=$tmp/ns
cp -r "$src/examples/nuestra-senora" "$ds"
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

ledger=()
psql_run=()
if [ "$backend" = postgresql ]; then
  if [ ! -f "$fixture/postgres.uri" ]; then
    why=$(cat "$fixture/postgres.unavailable" 2>/dev/null || echo "the fixture did not run")
    if [ "${OREBOOK_REQUIRE_POSTGRES:-}" = 1 ]; then
      echo "FAIL: no PostgreSQL server, and OREBOOK_REQUIRE_POSTGRES=1: $why" >&2
      exit 1
    fi
    echo "SKIPPED: no PostgreSQL server for the test: $why"
    exit 0
  fi
  uri=$(cat "$fixture/postgres.uri")
  bin=$(cat "$fixture/postgres.bin")
  db=cli_$$_$RANDOM
  "$bin/psql" -q -v ON_ERROR_STOP=1 "$uri" -c "CREATE DATABASE $db" || exit 1
  db_uri=${uri/\/postgres\?//$db?}
  ledger=(--ledger "$db_uri")
  psql_run=("$bin/psql" -q -v ON_ERROR_STOP=1 "$db_uri" -c)
fi
sql() {
  if [ "$backend" = postgresql ]; then
    "${psql_run[@]}" "$1"
  else
    sqlite3 "$ds/.orebook/ledger.db" "$1"
  fi
}

# 1. Close 2014Q2.
out=$("$orebook" close "$ds" --period 2014Q2 --by "A. Controller" "${ledger[@]}" 2>&1) ||
  fail "close 2014Q2: $out"
[[ $out == *"Closed 2014Q2 of Nuestra Señora: version 1"* ]] || fail "close said: $out"
first_head=$(sed -n 's/^ledger head: //p' <<<"$out")
[ ${#first_head} -eq 64 ] || fail "no ledger head in: $out"
if [ "$backend" = sqlite ]; then
  [ -f "$ds/.orebook/ledger.db" ] || fail "no DATASET/.orebook/ledger.db"
fi

# 2. Closed once: again is refused, and nothing changes.
out=$("$orebook" close "$ds" --period 2014Q2 --by "A. Controller" "${ledger[@]}" 2>&1)
[ $? -eq 2 ] || fail "a second close of 2014Q2 was not refused with exit 2"
[[ $out == *"already closed"* ]] || fail "second close said: $out"

# 3. Nothing changed: report says nothing of the close.
err=$("$orebook" report "$ds" --period 2014Q2 "${ledger[@]}" 2>&1 >/dev/null) || fail "report: $err"
[[ $err == *restated* ]] && fail "restated with unchanged inputs: $err"

# 4. The restatement of the Q2 zinc head grade, in the row of streams.csv.
line=$(grep -n '^2014Q2,mill_feed,' "$ds/streams.csv" | cut -d: -f1)
sed -i "${line}s/,1\.37,/,1.49,/" "$ds/streams.csv"
grep -q '^2014Q2,mill_feed,139581,87,1.49,' "$ds/streams.csv" || fail "the edit did not take"
err=$("$orebook" report "$ds" --period 2014Q2 --compare 2014Q1 "${ledger[@]}" 2>&1 >/dev/null) ||
  fail "report after the edit: $err"
[[ $err == *"mill.head_grade.Zn of 2014Q2 is 1.49% now but was 1.37% when closed"* ]] ||
  fail "no restated head grade: $err"
[[ $err == *"streams.csv:$line"* ]] || fail "the changed row streams.csv:$line not named: $err"
[[ $err == *"recovery.Zn of 2014Q2"* ]] || fail "the recovery made from it not flagged: $err"
[[ $err == *"recovery.Ag"* ]] && fail "silver recovery flagged though its inputs did not change: $err"
n=$(grep -c '\[restated\]' <<<"$err")
[ "$n" -eq 2 ] || fail "expected 2 restated figures in report, found $n: $err"
err=$("$orebook" results "$ds" --period 2014Q2 "${ledger[@]}" 2>&1 >/dev/null) || fail "results: $err"
[[ $err == *"mill.head_grade.Zn of 2014Q2 is 1.49% now"* ]] || fail "results: $err"
err=$("$orebook" highlights "$ds" --period 2014Q2 "${ledger[@]}" 2>&1 >/dev/null) ||
  fail "highlights: $err"
[[ $err == *"recovery.Zn of 2014Q2"* ]] || fail "highlights: $err"

# 4b. The same days written as a range are the closed quarter: report
# compares with the close of 2014Q2 and says so; a close of the range is a
# second close of 2014Q2 (refused without --restate).
err=$("$orebook" report "$ds" --period 2014-04..2014-06 "${ledger[@]}" 2>&1 >/dev/null) ||
  fail "report of the range: $err"
[[ $err == *"mill.head_grade.Zn of 2014-04-01..2014-06-30 is 1.49% now but was 1.37% when closed ("*", as 2014Q2)"* ]] ||
  fail "the range was not compared with the close of 2014Q2: $err"
out=$("$orebook" close "$ds" --period 2014-04..2014-06 --by "A. Controller" "${ledger[@]}" 2>&1)
[ $? -eq 2 ] || fail "a close of the range after 2014Q2 was not refused"
[[ $out == *"cannot close 2014Q2: it is already closed"* ]] || fail "close of the range said: $out"

# 5. --as-closed: the figures as closed, without warnings.
out=$("$orebook" report "$ds" --period 2014Q2 --as-closed "${ledger[@]}" 2>"$tmp/err") ||
  fail "report --as-closed"
grep -Eq '^  Zinc +1\.37%$' <<<"$out" || fail "--as-closed does not show 1.37%: $out"
[[ $out == *"Q2 2014 as closed in the ledger (version 1"* ]] || fail "no as-closed note: $out"
[ -s "$tmp/err" ] && fail "--as-closed warned: $(cat "$tmp/err")"
out=$("$orebook" report "$ds" --period 2014Q2 "${ledger[@]}" 2>/dev/null)
grep -Eq '^  Zinc +1\.49%$' <<<"$out" || fail "report does not show 1.49% as computed: $out"

# 6. A restatement needs --restate and a note; both versions are kept.
"$orebook" close "$ds" --period 2014Q2 --by "B. Auditor" --restate "${ledger[@]}" >/dev/null 2>&1
[ $? -eq 2 ] || fail "a restatement without a note was not refused"
out=$("$orebook" close "$ds" --period 2014Q2 --by "B. Auditor" --restate \
  --note "Q3 2014 release prints the Q2 zinc head grade as 1.49%" "${ledger[@]}" 2>&1) ||
  fail "restate: $out"
[[ $out == *"Restated 2014Q2 of Nuestra Señora: version 2"* ]] || fail "restate said: $out"
err=$("$orebook" report "$ds" --period 2014Q2 "${ledger[@]}" 2>&1 >/dev/null)
[[ $err == *restated* ]] && fail "restated after the restatement was closed: $err"
out=$("$orebook" history "$ds" mill.head_grade.Zn --period 2014Q2 "${ledger[@]}" 2>&1) ||
  fail "history: $out"
[[ $out == *"2014Q2 v1"*"A. Controller"*"mill.head_grade.Zn = 1.37"* ]] || fail "history v1: $out"
[[ $out == *"2014Q2 v2"*"B. Auditor"*"mill.head_grade.Zn = 1.49"*"prints the Q2 zinc"* ]] ||
  fail "history v2: $out"
out=$("$orebook" history "$ds" --format json "${ledger[@]}" 2>&1) || fail "history json: $out"
[ "$(grep -c '"version"' <<<"$out")" -eq 2 ] || fail "history json: $out"

# 7. A close killed midway leaves the ledger as it was.
before=$("$orebook" history "$ds" --format json "${ledger[@]}")
OREBOOK_FAULT=ledger-mid-close "$orebook" close "$ds" --period 2014Q1 --by K "${ledger[@]}" \
  >/dev/null 2>&1
status=$?
[ $status -eq 137 ] || fail "the killed close ended with $status, not SIGKILL (137)"
after=$("$orebook" history "$ds" --format json "${ledger[@]}")
[ "$before" = "$after" ] || fail "the killed close changed the ledger"
"$orebook" ledger verify "$ds" "${ledger[@]}" >/dev/null || fail "verify after the killed close"

# 8. Closes at once: serialised, each gets its own sequence, the chain holds;
# of two closes of one period, one wins.
export OREBOOK_FAULT=ledger-slow-close
for p in 2013Q1 2013Q2 2013Q3 2013Q4; do
  "$orebook" close "$ds" --period $p --by P "${ledger[@]}" >"$tmp/close.$p" 2>&1 &
done
"$orebook" close "$ds" --period 2014Q1 --by P1 "${ledger[@]}" >"$tmp/same.1" 2>&1 &
"$orebook" close "$ds" --period 2014Q1 --by P2 "${ledger[@]}" >"$tmp/same.2" 2>&1 &
wait
unset OREBOOK_FAULT
for p in 2013Q1 2013Q2 2013Q3 2013Q4; do
  grep -q "Closed $p" "$tmp/close.$p" || fail "concurrent close of $p: $(cat "$tmp/close.$p")"
done
won=$(cat "$tmp/same.1" "$tmp/same.2" | grep -c 'Closed 2014Q1')
lost=$(cat "$tmp/same.1" "$tmp/same.2" | grep -c 'already closed')
[ "$won" -eq 1 ] && [ "$lost" -eq 1 ] ||
  fail "two closes of 2014Q1: $won won, $lost refused: $(cat "$tmp/same.1" "$tmp/same.2")"
out=$("$orebook" ledger verify "$ds" --head "$first_head" "${ledger[@]}" 2>&1) ||
  fail "verify after concurrent closes: $out"
[[ $out == "ledger intact: 7 entries"* ]] || fail "verify said: $out"

# 9. An edited figure in the database is found, and the exit code says so.
if [ "$backend" = postgresql ]; then
  sql "ALTER TABLE entry_figures DISABLE TRIGGER entry_figures_append_only;
       UPDATE entry_figures SET value = 0.0137 WHERE sequence = 2 AND key = 'mill.head_grade.Zn';
       ALTER TABLE entry_figures ENABLE TRIGGER entry_figures_append_only;" ||
    fail "psql could not edit the ledger"
else
  sql "DROP TRIGGER entry_figures_no_update;
       UPDATE entry_figures SET value = 1.37 WHERE sequence = 2 AND key = 'mill.head_grade.Zn';" ||
    fail "sqlite3 could not edit the ledger"
fi
out=$("$orebook" ledger verify "$ds" "${ledger[@]}" 2>&1)
[ $? -eq 1 ] || fail "verify did not exit 1 on an edited figure: $out"
[[ $out == *"entry 2:"* ]] || fail "verify did not name entry 2: $out"
[[ $out == *"NOT intact"* ]] || fail "verify said: $out"

# 10. -o never writes over the ledger.
if [ "$backend" = sqlite ]; then
  cp "$ds/.orebook/ledger.db" "$tmp/ledger.copy"
  "$orebook" report "$ds" --period 2014Q2 -o "$ds/.orebook/ledger.db" >/dev/null 2>&1
  [ $? -eq 2 ] || fail "-o onto the ledger was not refused"
  cmp -s "$ds/.orebook/ledger.db" "$tmp/ledger.copy" || fail "-o wrote over the ledger"
fi

# 11. The settlement's rows are hashed too: a changed exchange rate of
# prices.csv restates the revenue of the lots booked at it, naming the row.
if [ "$backend" = sqlite ]; then
  demo=$tmp/demo
  cp -r "$src/examples/demo-mine" "$demo"
  "$orebook" close "$demo" --period 2012Q2 --by "A. Controller" >/dev/null 2>&1 ||
    fail "close of the demo mine's 2012Q2"
  line=$(grep -n '^fx,2012-04,USD,' "$demo/prices.csv" | cut -d: -f1)
  sed -i 's/^fx,2012-04,USD,0.9900,/fx,2012-04,USD,0.9800,/' "$demo/prices.csv"
  out=$("$orebook" results "$demo" --period 2012Q2 2>&1 >/dev/null)
  [[ $out == *"sales.revenue of 2012Q2 is"*"its rows changed since: prices.csv:$line;"* ]] ||
    fail "the changed April rate did not restate sales.revenue naming prices.csv:$line: $out"
fi

if [ "$backend" = postgresql ]; then
  "$bin/psql" -q "$uri" -c "DROP DATABASE $db" >/dev/null 2>&1
fi
if [ $failures -gt 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ledger from the command line ($backend): every check passed"
