package io.pulse.loadtest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time and resident memory of processes, read from /proc (Linux). CPU is user + system time of
 * all the process' threads; a figure of 100 % is one core busy for the whole interval.
 */
final class ProcessStats {

  /** One reading of one process. {@code cpuTicks} is -1 once the process is gone. */
  record Reading(long cpuTicks, long rssKb) {}

  /** One reading of every process plus the machine as a whole. */
  record Snapshot(long nanos, Map<String, Reading> processes, long machineBusyTicks, long machineTotalTicks,
      String loadAverage) {}

  private final Map<String, Long> pids;
  private final long ticksPerSecond;

  ProcessStats(Map<String, Long> pids, long ticksPerSecond) {
    this.pids = pids;
    this.ticksPerSecond = ticksPerSecond;
  }

  Map<String, Long> pids() {
    return pids;
  }

  Snapshot snapshot() {
    Map<String, Reading> readings = new LinkedHashMap<>();
    pids.forEach((name, pid) -> readings.put(name, read(pid)));
    long[] machine = machineTicks();
    return new Snapshot(System.nanoTime(), readings, machine[0], machine[1], loadAverage());
  }

  /** Percent of one core used by {@code name} between the snapshots. */
  double cpuPercent(Snapshot before, Snapshot after, String name) {
    Reading a = before.processes().get(name);
    Reading b = after.processes().get(name);
    if (a == null || b == null || a.cpuTicks() < 0 || b.cpuTicks() < 0) {
      return Double.NaN;
    }
    double seconds = (after.nanos() - before.nanos()) / 1e9;
    return 100.0 * (b.cpuTicks() - a.cpuTicks()) / ticksPerSecond / seconds;
  }

  /** Percent of all cores busy between the snapshots (200 % on two fully busy cores). */
  static double machinePercent(Snapshot before, Snapshot after) {
    long total = after.machineTotalTicks() - before.machineTotalTicks();
    long busy = after.machineBusyTicks() - before.machineBusyTicks();
    return total <= 0 ? Double.NaN : 100.0 * Runtime.getRuntime().availableProcessors() * busy / total;
  }

  private static Reading read(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) may contain spaces: fields are counted after its closing paren
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
      long rssKb = 0;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new Reading(ticks, rssKb);
    } catch (IOException | RuntimeException e) {
      return new Reading(-1, 0);
    }
  }

  /** {busy, total} jiffies of all CPUs from the first line of /proc/stat. */
  private static long[] machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
