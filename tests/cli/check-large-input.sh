#!/usr/bin/env bash
# orebook check on a long text (issue 13): 48 MB of the test releases again
# and again, then 8 MB of random bytes. It must finish, and its peak memory
# must stay under twice the file's size (it reads a long text part by part
# and writes as it goes: docs/check.md). Skipped under a sanitizer, whose
# shadow memory is not the program's.
# Usage: check-large-input.sh OREBOOK_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
if ldd "$bin" 2>/dev/null | grep -q -e libasan -e libubsan; then
  echo "skipped: a sanitizer build measures its own memory, not orebook's"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$src" "$work/long.txt" <<'PY'
import os, random, sys
src, out = sys.argv[1], sys.argv[2]
releases = ""
for name in sorted(os.listdir(f"{src}/tests/data/releases")):
    with open(f"{src}/tests/data/releases/{name}", encoding="utf-8") as f:
        releases += f.read() + "\n\n"
rng = random.Random(13)
with open(out, "wb") as f:
    written = 0
    while written < 48 << 20:
        f.write(releases.encode())
        written += len(releases.encode())
    f.write(bytes(rng.getrandbits(8) for _ in range(8 << 20)))
PY
python3 - "$bin" "$work/long.txt" "$work/out.txt" <<'PY'
import os, resource, subprocess, sys
binary, text, out = sys.argv[1:4]
code = subprocess.call([binary, "check", text, "-o", out])
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
size = os.path.getsize(text)
print(f"exit {code}; file {size / 2**20:.1f} MiB; peak memory {peak / 2**20:.1f} MiB; "
      f"output {os.path.getsize(out) / 2**20:.1f} MiB")
if code not in (0, 1):
    sys.exit("orebook check failed")
if peak > 2 * size:
    sys.exit(f"peak memory {peak} bytes is more than twice the file's {size}")
PY
