package io.pulse.aggregator.topology;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * What {@link PartialMerger} keeps for one group of one pre-aggregated aggregation: per window (by
 * start), each source partition's latest partial. A window's value is their total and its revision
 * the sum of their versions, so every new partial version raises the row's revision. Final windows
 * are kept for the allowed lateness: an amending partial replaces one partition's share.
 */
final class MergedGroup {

  final TreeMap<Long, Window> windows = new TreeMap<>();

  static final class Window {

    final long start;
    final long end;
    /** Index: source partition; null or -1 where that partition has sent nothing for the window. */
    Slot[] parts;
    long[] versions;
    boolean finalSent;
    boolean amended;

    Window(long start, long end, int partitions) {
      this.start = start;
      this.end = end;
      this.parts = new Slot[partitions];
      this.versions = new long[partitions];
      Arrays.fill(versions, -1);
    }

    /** Takes the partition's partial unless it has a newer one (a replay sends the same or older versions). */
    boolean replace(int partition, long version, Slot value) {
      if (partition >= parts.length) {
        parts = Arrays.copyOf(parts, partition + 1);
        int from = versions.length;
        versions = Arrays.copyOf(versions, partition + 1);
        Arrays.fill(versions, from, versions.length, -1);
      }
      if (version <= versions[partition]) {
        return false;
      }
      versions[partition] = version;
      parts[partition] = value;
      return true;
    }

    Slot part(int partition) {
      return partition < parts.length ? parts[partition] : null;
    }

    Slot total() {
      Slot total = new Slot(start, end);
      for (Slot part : parts) {
        if (part != null) {
          total.addAll(part);
        }
      }
      return total;
    }

    long revision() {
      long revision = 0;
      for (long version : versions) {
        revision += Math.max(version, 0);
      }
      return revision;
    }
  }
}
