#!/usr/bin/env bash
# Stops the ledger tests' PostgreSQL server (postgres-start.sh) and removes
# its folder.
set -uo pipefail
out=$1
dir=$(cat "$out/postgres.dir" 2>/dev/null) || exit 0
bin=$(cat "$out/postgres.bin" 2>/dev/null || true)
if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
  as=()
  if [ "$(id -u)" -eq 0 ]; then as=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups --); fi
  (cd "$dir" && "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop)
fi
case "$dir" in
  /tmp/orebook-pg.*) rm -rf "$dir" ;;
esac
rm -f "$out/postgres.uri" "$out/postgres.bin" "$out/postgres.dir" "$out/postgres.unavailable"
