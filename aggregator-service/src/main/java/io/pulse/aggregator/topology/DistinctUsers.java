package io.pulse.aggregator.topology;

import io.pulse.contracts.sketch.UserHash;
import java.util.Arrays;
import java.util.Collection;

/**
 * The users seen in one window, kept as sorted 64-bit hashes of their ids. A window's value is
 * read, updated and written back for every event, so the set is copied and (de)serialized with
 * each one: as strings in a HashSet that dominated the cost of distinct-user aggregations; as a
 * sorted long[] it is a binary search and two array copies. Two different ids count once only if
 * their 64-bit MurmurHash3 values collide: for a million users in one window, a chance of about
 * 3 in 100 million.
 */
final class DistinctUsers {

  static final DistinctUsers NONE = new DistinctUsers(new long[0]);

  private final long[] hashes;

  private DistinctUsers(long[] sortedUniqueHashes) {
    this.hashes = sortedUniqueHashes;
  }

  /** From hashes written by {@link #hashes()}: sorted and unique. */
  static DistinctUsers ofHashes(long[] sortedUniqueHashes) {
    return sortedUniqueHashes.length == 0 ? NONE : new DistinctUsers(sortedUniqueHashes);
  }

  /** From user ids. */
  static DistinctUsers of(Collection<String> userIds) {
    long[] hashes = userIds.stream().mapToLong(DistinctUsers::hash).sorted().distinct().toArray();
    return ofHashes(hashes);
  }

  DistinctUsers with(String userId) {
    return with(hash(userId));
  }

  DistinctUsers with(long hash) {
    int at = Arrays.binarySearch(hashes, hash);
    if (at >= 0) {
      return this;
    }
    int insert = -at - 1;
    long[] grown = new long[hashes.length + 1];
    System.arraycopy(hashes, 0, grown, 0, insert);
    grown[insert] = hash;
    System.arraycopy(hashes, insert, grown, insert + 1, hashes.length - insert);
    return new DistinctUsers(grown);
  }

  DistinctUsers union(DistinctUsers other) {
    long[] merged = new long[hashes.length + other.hashes.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < hashes.length || j < other.hashes.length) {
      long next;
      if (j >= other.hashes.length || (i < hashes.length && hashes[i] < other.hashes[j])) {
        next = hashes[i++];
      } else if (i >= hashes.length || other.hashes[j] < hashes[i]) {
        next = other.hashes[j++];
      } else {
        next = hashes[i++];
        j++;
      }
      merged[n++] = next;
    }
    return ofHashes(Arrays.copyOf(merged, n));
  }

  int size() {
    return hashes.length;
  }

  /** The sorted hashes, for serialization; not to be modified. */
  long[] hashes() {
    return hashes;
  }

  static long hash(String userId) {
    return UserHash.of(userId);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DistinctUsers users && Arrays.equals(hashes, users.hashes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hashes);
  }

  @Override
  public String toString() {
    return hashes.length + " users";
  }
}
