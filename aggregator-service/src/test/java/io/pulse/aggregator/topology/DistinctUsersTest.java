package io.pulse.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DistinctUsersTest {

  @Test
  void countsEachUserOnceWhateverTheOrder() {
    DistinctUsers users = DistinctUsers.NONE.with("b").with("a").with("b").with("c").with("a");

    assertThat(users.size()).isEqualTo(3);
    assertThat(users).isEqualTo(DistinctUsers.of(List.of("c", "b", "a")));
    assertThat(users.with("a")).isSameAs(users);
  }

  @Test
  void aUnionCountsUsersOfBothSidesOnce() {
    DistinctUsers left = DistinctUsers.of(List.of("a", "b", "c"));
    DistinctUsers right = DistinctUsers.of(List.of("c", "d"));

    assertThat(left.union(right).size()).isEqualTo(4);
    assertThat(left.union(right)).isEqualTo(right.union(left)).isEqualTo(DistinctUsers.of(List.of("a", "b", "c", "d")));
    assertThat(left.union(DistinctUsers.NONE)).isEqualTo(left);
  }

  @Test
  void aHundredThousandUsersStayDistinct() {
    DistinctUsers users = DistinctUsers.of(IntStream.range(0, 100_000).mapToObj(i -> "user-" + i).toList());

    assertThat(users.size()).isEqualTo(100_000);
    long[] hashes = users.hashes();
    for (int i = 1; i < hashes.length; i++) {
      assertThat(hashes[i]).isGreaterThan(hashes[i - 1]);
    }
  }
}
