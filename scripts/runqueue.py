#!/usr/bin/env python3
"""Per process and thread group: time on a CPU and time runnable but waiting for one (run queue).

CPU % alone cannot tell a thread that waits on I/O or a lock from one that is ready and not
scheduled: /proc/<pid>/task/<tid>/schedstat has both. Run it beside scripts/bench.sh (Linux):

    scripts/runqueue.py [INTERVAL_S] [COUNT]      # default 5 s, 60 samples

Each line: per process "on-CPU %/run-queue wait %" (100 % = one core), then the busiest thread
groups (thread names with digits folded). A thread group with more wait than CPU is starved.
"""
import collections
import os
import re
import sys
import time


def processes():
    """pid -> short name, for the platform's JVMs, the bench driver and ClickHouse."""
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            argv = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
        except OSError:
            continue
        command = b" ".join(argv).decode(errors="replace")
        program = os.path.basename(argv[0].decode(errors="replace"))
        if program == "java":
            if "io.pulse.loadtest" in command or "load-tests" in command:
                found[pid] = "load-generator"
            else:
                jar = re.search(r"([\w-]+)-\d[\w.-]*-exec\.jar", command)
                found[pid] = jar.group(1) if jar else f"java-{pid}"
        elif program.startswith("clickhouse"):
            found[pid] = "clickhouse"
    return found


def sample(named):
    """(process, tid) -> (thread name, ns on CPU, ns waiting on the run queue)."""
    threads = {}
    for pid, name in named.items():
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
    interval = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    previous, started = sample(processes()), time.time()
    for _ in range(count):
        time.sleep(interval)
        current = sample(processes())
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
