package io.pulse.aggregator.oracle;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The oracle's verdict for one aggregation over the checked range.
 *
 * @param windows             (window, key) rows compared
 * @param expectedEvents      events the raw table says the aggregation should count
 * @param countedEvents       events the final rows count
 * @param lostEvents          events missing from the final rows, summed over rows
 * @param doubleCountedEvents events counted more often than they exist, summed over rows
 * @param lateEvents          events recorded in late_events for this aggregation (excluded from the windows they were late for)
 * @param pendingWindows      windows not judged yet: the newest row is not final, or there is no row and the watermark
 *                            has not closed the window
 * @param pendingEvents       events the recount puts in pending windows (neither expected nor lost yet)
 * @param watermark           the aggregation's watermark the windows were judged against (null: no row written yet)
 * @param differences         every differing final or missing row (at most {@link CorrectnessOracle#MAX_DIFFERENCES})
 */
public record AggregationCheck(String aggregation, long windows, long expectedEvents, long countedEvents, long lostEvents,
    long doubleCountedEvents, long lateEvents, long pendingWindows, long pendingEvents, @Nullable Instant watermark,
    List<Difference> differences) {}
