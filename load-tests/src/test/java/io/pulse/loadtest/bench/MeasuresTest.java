package io.pulse.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MeasuresTest {

  @Test
  void clickHouseWorkIsTheDifferenceOfItsCountersWithMergedRowsPerInsertedRow() {
    Measures before = withCounters(Map.of("InsertQuery", 100L, "InsertedRows", 10_000L, "MergedRows", 40_000L));
    Measures after = withCounters(Map.of("InsertQuery", 160L, "InsertedRows", 310_000L, "MergedRows", 1_390_000L));

    assertThat(Measures.clickHouseWork(before, after))
        .isEqualTo("60 inserts, 300,000 rows inserted, 1,350,000 rows merged (4.5 per row inserted)");
  }

  @Test
  void countersAServerHasNotStartedYetCountFromZero() {
    Measures before = withCounters(Map.of());
    Measures after = withCounters(Map.of("InsertQuery", 2L, "InsertedRows", 500L));

    assertThat(Measures.clickHouseWork(before, after))
        .isEqualTo("2 inserts, 500 rows inserted, 0 rows merged (0.0 per row inserted)");
  }

  private static Measures withCounters(Map<String, Long> counters) {
    return new Measures(null, PrometheusText.EMPTY, PrometheusText.EMPTY, Map.of(), Map.of(), 0, 0, 0, Map.of(), counters);
  }
}
