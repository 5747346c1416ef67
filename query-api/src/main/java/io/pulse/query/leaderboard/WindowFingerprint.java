package io.pulse.query.leaderboard;

/**
 * What a window's stored rows are, versions included, before ClickHouse collapses them: how many, and the sum
 * (mod 2^64) of a hash of each one's sorting key, revision and values. Any row written into the window (a new
 * revision, an amended or late-counted final row, a group written late by a task lagging behind the others'
 * watermark, a row rewritten with the same revision by an aggregator that lost its state) changes it; only an
 * exact copy of a row already there leaves it as it is. A background merge that drops superseded versions changes
 * it too: a needless but harmless re-read. A count and a sum of revisions alone were not enough: a merge dropping
 * revision 1 of one row while a new row arrived with revision 1 left both unchanged ({@code RangeBoardCacheTest}
 * saw it). Computed over all facet rows, so it vouches for every facet filter's values.
 *
 * @param rows      stored rows, every version
 * @param rowHashes the sum of their hashes
 */
record WindowFingerprint(long rows, long rowHashes) {

  /** A window without rows. */
  static final WindowFingerprint EMPTY = new WindowFingerprint(0, 0);
}
