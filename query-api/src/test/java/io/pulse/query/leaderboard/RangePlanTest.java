package io.pulse.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every window of a range has exactly one source, whatever the cache holds, and the reads stay short. */
class RangePlanTest {

  private static final long SIZE = 60_000;
  private static final BoardRange.Span SPAN = new BoardRange.Span(0, 2_000 * SIZE, SIZE);

  @Test
  void aCachedWindowCountsOnlyWhileItsFingerprintMatches() {
    WindowFingerprint now = new WindowFingerprint(3, 7);
    CachedWindow same = CachedWindow.of(now, List.of());
    CachedWindow stale = CachedWindow.of(new WindowFingerprint(2, 5), List.of());
    BoardRange.Span span = new BoardRange.Span(0, 3 * SIZE, SIZE);
    RangePlan plan = RangePlan.of(span, Map.of(0L, now, SIZE, now), start -> start == 0 ? same : stale, 3 * SIZE, 100);
    assertThat(plan.cached(0)).isSameAs(same);
    assertThat(plan.cached(1)).as("changed since it was cached").isNull();
    assertThat(plan.fills(1)).isTrue();
    assertThat(plan.cached(2)).as("no rows now, but something was cached: rows were dropped").isNull();
    assertThat(plan.fills(2)).isTrue();
  }

  @Test
  void windowsThatMayStillChangeAreReadAndNeverFilled() {
    BoardRange.Span span = new BoardRange.Span(0, 10 * SIZE, SIZE);
    RangePlan plan = RangePlan.of(span, Map.of(), start -> null, 4 * SIZE, 100);
    assertThat(plan.fillRuns()).containsExactly(new WindowRuns.Run(0, 3 * SIZE));
    assertThat(plan.restRuns()).containsExactly(new WindowRuns.Run(4 * SIZE, 9 * SIZE));
  }

  @Test
  void aFillReadsAtMostMaxFillRowsThenTheRestIsReadCombined() {
    Map<Long, WindowFingerprint> prints = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      prints.put(i * SIZE, new WindowFingerprint(40, 40));
    }
    RangePlan plan = RangePlan.of(new BoardRange.Span(0, 10 * SIZE, SIZE), prints, start -> null, 10 * SIZE, 100);
    assertThat(plan.fillRuns()).containsExactly(new WindowRuns.Run(0, SIZE));
    assertThat(plan.restRuns()).containsExactly(new WindowRuns.Run(2 * SIZE, 9 * SIZE));
  }

  @Test
  void scatteredCachedWindowsNeverMakeMoreThanMaxRunsPerRead() {
    Random random = new Random(7);
    for (int round = 0; round < 50; round++) {
      Map<Long, WindowFingerprint> prints = new HashMap<>();
      Map<Long, CachedWindow> cache = new HashMap<>();
      for (int i = 0; i < SPAN.windows(); i++) {
        WindowFingerprint print = new WindowFingerprint(1 + random.nextInt(50), random.nextLong());
        prints.put(i * SIZE, print);
        if (random.nextInt(3) == 0) {
          cache.put(i * SIZE, CachedWindow.of(random.nextInt(10) == 0 ? WindowFingerprint.EMPTY : print, List.of()));
        }
      }
      long cacheableEnd = random.nextInt(2_001) * SIZE;
      RangePlan plan = RangePlan.of(SPAN, prints, cache::get, cacheableEnd, random.nextInt(20_000));
      assertThat(plan.fillRuns()).hasSizeLessThanOrEqualTo(RangePlan.MAX_RUNS);
      assertThat(plan.restRuns()).hasSizeLessThanOrEqualTo(RangePlan.MAX_RUNS);
      int fills = 0;
      for (int i = 0; i < plan.windows(); i++) {
        long start = plan.start(i);
        int sources = (plan.cached(i) != null ? 1 : 0) + (plan.fills(i) ? 1 : 0) + (plan.reads(i) ? 1 : 0);
        assertThat(sources).as("window %d", i).isEqualTo(1);
        assertThat(covered(plan.fillRuns(), start)).isEqualTo(plan.fills(i));
        assertThat(covered(plan.restRuns(), start)).isEqualTo(plan.reads(i));
        if (plan.cached(i) != null) {
          assertThat(plan.cached(i).fingerprint()).isEqualTo(prints.get(start));
        }
        if (plan.fills(i)) {
          assertThat(start + SIZE).isLessThanOrEqualTo(cacheableEnd);
          fills++;
        }
      }
      assertThat(fills).isLessThanOrEqualTo(plan.windows());
    }
  }

  private static boolean covered(List<WindowRuns.Run> runs, long start) {
    return runs.stream().anyMatch(run -> run.firstStartMs() <= start && start <= run.lastStartMs());
  }
}
