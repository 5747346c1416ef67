package io.pulse.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseReportTest {

  @Test
  void keptUpWhenAggregatedAsMuchAsAcceptedAndCaughtUpWithinACommitIntervalOrTwo() {
    // the 2026-12-05 run at 15,000 events/s (35,000 records of committed-offset lag at its end, freshness p99 0.6 s)
    assertThat(phase(15_001, 14_743).drained(1.5).keptUp()).isTrue();
    assertThat(phase(15_001, 14_743).drained(9.0).keptUp()).isFalse();
    assertThat(phase(15_001, 14_743).drained(Double.POSITIVE_INFINITY).keptUp()).isFalse();
    assertThat(phase(15_001, 12_000).drained(1.0).keptUp()).isFalse();
    assertThat(phase(15_001, 14_743).keptUp()).as("not drained yet").isFalse();
  }

  private static PhaseReport phase(double accepted, double aggregated) {
    return new PhaseReport("throughput", 15_000, 60, accepted, aggregated, aggregated, accepted,
        8, 20, 15, 250, 550, 9, 0, 0, Map.of(), Double.NaN);
  }
}
