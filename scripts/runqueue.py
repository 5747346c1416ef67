#!/usr/bin/env python3
"""Per process and thread group: time on a CPU and time runnable but waiting for one (run queue).

CPU % alone cannot tell a thread that waits on I/O or a lock from one that is ready and not
scheduled: /proc/<pid>/task/<tid>/schedstat has both. Run it beside scripts/bench.sh (Linux), on the
processes file the bench writes into its run directory once the platform is up:

    scripts/runqueue.py .local/bench/<time>/processes [INTERVAL_S] [COUNT]   # default 5 s, 60 samples

Each line: per process "on-CPU %/run-queue wait %" (100 % = one core), then the busiest thread
groups (thread names with digits folded). A thread group with more wait than CPU is starved.
"""
import collections
import os
import re
import sys
import time


def processes(path):
    """name -> pid, read again at every sample: the bench adds its load generator once it starts."""
    with open(path) as lines:
        return {name: pid for name, pid in (line.split() for line in lines if line.strip())}


def sample(named):
    """(process, tid) -> (thread name, ns on CPU, ns waiting on the run queue)."""
    threads = {}
    for name, pid in named.items():
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                on_cpu, waiting, _ = open(f"/proc/{pid}/task/{tid}/schedstat").read().split()
                comm = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
            except (OSError, ValueError):
                continue
            threads[(name, tid)] = (comm, int(on_cpu), int(waiting))
    return threads


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    interval = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 60
    previous, started = sample(processes(path)), time.time()
    for _ in range(count):
        time.sleep(interval)
        current = sample(processes(path))
        per_process = collections.defaultdict(lambda: [0.0, 0.0])
        per_group = collections.defaultdict(lambda: [0.0, 0.0])
        for key, (comm, on_cpu, waiting) in current.items():
            _, cpu_before, wait_before = previous.get(key, (comm, 0, 0))
            cpu = (on_cpu - cpu_before) / interval / 1e7  # ns per second -> % of one core
            wait = (waiting - wait_before) / interval / 1e7
            for totals in (per_process[key[0]], per_group[(key[0], re.sub(r"\d+", "#", comm))]):
                totals[0] += cpu
                totals[1] += wait
        previous = current
        processes_line = " ".join(f"{name}={c:.0f}/{w:.0f}" for name, (c, w) in sorted(per_process.items()))
        busiest = sorted(per_group.items(), key=lambda item: -item[1][0])[:8]
        groups_line = "; ".join(f"{p}:{g}={c:.0f}/{w:.0f}" for (p, g), (c, w) in busiest)
        print(f"t={time.time() - started:.0f}s on-CPU/waiting %: {processes_line}\n    busiest: {groups_line}", flush=True)


if __name__ == "__main__":
    main()
