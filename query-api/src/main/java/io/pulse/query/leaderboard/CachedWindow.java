package io.pulse.query.leaderboard;

import com.github.benmanes.caffeine.cache.Interner;
import java.util.List;
import java.util.function.Consumer;

/**
 * A closed window's groups (each combined over its facet rows, all final) and the fingerprint of the rows
 * they were read from. Columns instead of one object per group, and group keys interned across windows:
 * a week of 1-minute windows of 100 groups is a million groups.
 */
final class CachedWindow {

  private static final Interner<String> KEYS = Interner.newWeakInterner();

  /** A window without rows. */
  static final CachedWindow NONE = new CachedWindow(WindowFingerprint.EMPTY, 0);

  private final WindowFingerprint fingerprint;
  private final String[] keys;
  private final double[] values;
  private final long[] counts;
  private final long[] revisions;
  private final boolean[] amended;
  private final long[] lateCounts;

  private CachedWindow(WindowFingerprint fingerprint, int size) {
    this.fingerprint = fingerprint;
    this.keys = new String[size];
    this.values = new double[size];
    this.counts = new long[size];
    this.revisions = new long[size];
    this.amended = new boolean[size];
    this.lateCounts = new long[size];
  }

  /** The window of {@code groups}, all of them final (callers check: a provisional window is never cached). */
  static CachedWindow of(WindowFingerprint fingerprint, List<GroupRow> groups) {
    CachedWindow window = new CachedWindow(fingerprint, groups.size());
    for (int i = 0; i < groups.size(); i++) {
      GroupRow group = groups.get(i);
      if (!group.isFinal()) {
        throw new IllegalArgumentException("a provisional window is not cached: " + group.key());
      }
      window.keys[i] = KEYS.intern(group.key());
      window.values[i] = group.value();
      window.counts[i] = group.count();
      window.revisions[i] = group.revision();
      window.amended[i] = group.amended();
      window.lateCounts[i] = group.lateCount();
    }
    return window;
  }

  WindowFingerprint fingerprint() {
    return fingerprint;
  }

  /** How much of the cache's bound it takes: one per group, one for the window. */
  int weight() {
    return keys.length + 1;
  }

  void forEach(Consumer<GroupRow> action) {
    for (int i = 0; i < keys.length; i++) {
      action.accept(new GroupRow(keys[i], values[i], counts[i], revisions[i], true, amended[i], lateCounts[i]));
    }
  }
}
