package io.pulse.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every window of a range is either cached or read, whatever the cache holds, and the reads stay short. */
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
    assertThat(plan.cached(2)).as("no rows now: nothing to read, whatever was cached").isSameAs(CachedWindow.NONE);
    assertThat(plan.fills(2)).isFalse();
    assertThat(plan.uncachedRuns()).containsExactly(new WindowRuns.Run(SIZE, SIZE));
  }

  @Test
  void windowsThatMayStillChangeAreReadAndNeverFilled() {
    BoardRange.Span span = new BoardRange.Span(0, 10 * SIZE, SIZE);
    Map<Long, WindowFingerprint> prints = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      prints.put(i * SIZE, new WindowFingerprint(1, i));
    }
    RangePlan plan = RangePlan.of(span, prints, start -> null, 4 * SIZE, 100);
    assertThat(plan.fillRuns()).containsExactly(new WindowRuns.Run(0, 3 * SIZE));
    assertThat(plan.uncachedRuns()).containsExactly(new WindowRuns.Run(0, 9 * SIZE));
  }

  @Test
  void aFillReadsAtMostMaxFillRows() {
    Map<Long, WindowFingerprint> prints = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      prints.put(i * SIZE, new WindowFingerprint(40, 40));
    }
    RangePlan plan = RangePlan.of(new BoardRange.Span(0, 10 * SIZE, SIZE), prints, start -> null, 10 * SIZE, 100);
    assertThat(plan.fillRuns()).containsExactly(new WindowRuns.Run(0, SIZE));
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
      assertThat(plan.uncachedRuns()).hasSizeLessThanOrEqualTo(RangePlan.MAX_RUNS);
      int fills = 0;
      for (int i = 0; i < plan.windows(); i++) {
        long start = plan.start(i);
        assertThat(covered(plan.uncachedRuns(), start)).as("window %d read or cached, not both", i)
            .isEqualTo(plan.cached(i) == null);
        assertThat(covered(plan.fillRuns(), start)).isEqualTo(plan.fills(i));
        assertThat(!plan.fills(i) || plan.cached(i) == null).as("only uncached windows are filled").isTrue();
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

  @Test
  void runsJoinConsecutiveWindows() {
    assertThat(WindowRuns.of(List.of(0L, SIZE, 3 * SIZE, 5 * SIZE, 6 * SIZE), SIZE)).containsExactly(
        new WindowRuns.Run(0, SIZE), new WindowRuns.Run(3 * SIZE, 3 * SIZE), new WindowRuns.Run(5 * SIZE, 6 * SIZE));
  }

  private static boolean covered(List<WindowRuns.Run> runs, long start) {
    return runs.stream().anyMatch(run -> run.firstStartMs() <= start && start <= run.lastStartMs());
  }
}
