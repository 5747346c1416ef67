package io.pulse.query.leaderboard;

/**
 * What a window's stored rows are, versions included, before ClickHouse collapses them: how many, and the sum
 * (mod 2^64) of a hash of each one's sorting key and revision. Any row written into the window (a new revision,
 * an amended or late-counted final row, a group written late by a task lagging behind the others' watermark)
 * changes it; only a row with the same key and revision as one already there leaves it as it is, and such a row
 * is a re-sent copy (the aggregator gives every change of a row a higher revision). A background merge that
 * drops superseded versions changes it too: a needless but harmless re-read. A count and a sum of revisions
 * alone were not enough: a merge dropping revision 1 of one row while a new row arrived with revision 1 left
 * both unchanged (seen in {@code RangeBoardCacheTest}). Computed over all facet rows, so it vouches for every
 * facet filter's values.
 *
 * @param rows      stored rows, every version
 * @param rowHashes the sum of their hashes
 */
record WindowFingerprint(long rows, long rowHashes) {

  /** A window without rows. */
  static final WindowFingerprint EMPTY = new WindowFingerprint(0, 0);
}
