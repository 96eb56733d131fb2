#!/usr/bin/env bash
# The ledger tests' PostgreSQL server (ctest fixture ledger-postgres, set up
# before the ledger tests, stopped by postgres-stop.sh after them): a
# throwaway cluster of Debian's postgresql package (the newest version under
# /usr/lib/postgresql), in a temporary folder, listening only on a Unix socket
# in that folder, trust authentication for the user `orebook`. As root it runs
# as `nobody` (PostgreSQL refuses to run as root), in a folder nobody owns.
#
# Writes into OUT (a folder of the build tree):
#   postgres.uri          the connection URI of its `postgres` database
#   postgres.bin          the folder of its programs (psql)
#   postgres.dir          the temporary folder, for postgres-stop.sh
#   postgres.unavailable  instead of postgres.uri, why no server runs: the
#                         PostgreSQL tests then skip saying so, or fail when
#                         OREBOOK_REQUIRE_POSTGRES=1 (as this script does).
set -uo pipefail
out=$1
mkdir -p "$out"
rm -f "$out/postgres.uri" "$out/postgres.bin" "$out/postgres.unavailable"

unavailable() {
  echo "$1" >"$out/postgres.unavailable"
  echo "ledger-postgres fixture: no PostgreSQL server for the tests: $1" >&2
  if [ "${OREBOOK_REQUIRE_POSTGRES:-}" = 1 ]; then exit 1; fi
  exit 0
}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
  unavailable "no initdb/pg_ctl under /usr/lib/postgresql/*/bin: install Debian's postgresql (scripts/setup)"
fi
# A short path: a Unix socket's path must fit in 107 bytes.
dir=$(mktemp -d /tmp/orebook-pg.XXXXXX) || unavailable "cannot create a folder in /tmp"
echo "$dir" >"$out/postgres.dir"
cd "$dir" || unavailable "cannot enter $dir"

as=()
if [ "$(id -u)" -eq 0 ]; then
  chown nobody: "$dir" || unavailable "cannot give $dir to nobody"
  as=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups --)
fi

if ! "${as[@]}" "$bin/initdb" -D "$dir/data" -U orebook --auth=trust -E UTF8 --no-locale \
  >"$dir/initdb.log" 2>&1; then
  unavailable "initdb failed: $(tail -n 3 "$dir/initdb.log" | tr '\n' ' ')"
fi
if ! "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
  -o "-c listen_addresses='' -k $dir -c fsync=off -c max_connections=200" start \
  >"$dir/pg_ctl.log" 2>&1; then
  unavailable "the server did not start: $(tail -n 5 "$dir/data/server.log" "$dir/pg_ctl.log" 2>/dev/null | tr '\n' ' ')"
fi
echo "$bin" >"$out/postgres.bin"
echo "postgresql://orebook@/postgres?host=$dir" >"$out/postgres.uri"
echo "ledger-postgres fixture: $("$bin/postgres" --version) on $dir"
