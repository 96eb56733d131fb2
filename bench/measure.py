#!/usr/bin/env python3
"""measure.py RUNS OUTFILE -- CMD...: runs CMD RUNS times (stdout to OUTFILE) and
prints the median wall time and the largest peak resident memory of the runs."""
import os
import resource
import statistics
import subprocess
import sys
import time

runs, outfile = int(sys.argv[1]), sys.argv[2]
cmd = sys.argv[sys.argv.index("--") + 1:]
times, peaks = [], []
for _ in range(runs):
    with open(outfile, "w") as out:
        t0 = time.perf_counter()
        pid = subprocess.Popen(cmd, stdout=out).pid
        _, status, usage = os.wait4(pid, 0)
        times.append(time.perf_counter() - t0)
    if status != 0:
        sys.exit(f"measure: {cmd[0]} failed with status {status}")
    peaks.append(usage.ru_maxrss / 1024)  # KiB -> MiB
print(f"{statistics.median(times):.2f} s  {max(peaks):.0f} MiB  ({runs} runs: "
      + ", ".join(f"{t:.2f}" for t in times) + ")")
