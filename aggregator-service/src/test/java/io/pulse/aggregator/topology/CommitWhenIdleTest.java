package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.aggregator.events.SourcePosition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.Measure;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * Under load a task commits at the (long) at-least-once interval; once its input goes quiet for a
 * tick, the dimension's processor asks for a commit, so committed offsets and lag catch up at once.
 */
class CommitWhenIdleTest {

  private static final long T = T0.toEpochMilli();
  private static final Dimension PRODUCTS = new Dimension("entityId", false, List.of(TopologyFixture.aggregation("clicks",
      TopologyFixture.tumbling(Duration.ofMinutes(1)), Duration.ofMinutes(1), Measure.COUNT, "entityId", List.of(),
      EmitMode.UPDATES, "click")));

  private final MockProcessorContext<String, Emission> context =
      new MockProcessorContext<>(new Properties(), new TaskId(1, 0), null);
  private final DimensionAggregator processor =
      new DimensionAggregator(PRODUCTS, TopologyFixture.EMIT_INTERVAL, TopologyFixture.IDLE_TIMEOUT);
  private long offset;

  @Test
  void aTaskAsksForACommitAtTheFirstTickWithoutRecordsAndOnlyOnceWhileQuiet() {
    context.setCurrentSystemTimeMs(T);
    MockStores.register(context, MockStores.store(PRODUCTS.groupStore(), new GroupStateSerde()));
    MockStores.register(context, MockStores.store(PRODUCTS.clockStore(), Serdes.Long()));
    processor.init(context);

    tick();
    assertThat(context.committed()).as("nothing processed yet: nothing to commit").isFalse();
    for (int tick = 0; tick < 3; tick++) {
      process();
      tick();
      assertThat(context.committed()).as("records between every two ticks: the commit interval decides").isFalse();
    }
    tick();
    assertThat(context.committed()).as("a tick without records after some: commit now").isTrue();
    context.resetCommit();
    tick();
    assertThat(context.committed()).as("still quiet, and committed already").isFalse();
    process();
    tick();
    tick();
    assertThat(context.committed()).as("quiet again after more records").isTrue();
  }

  @Test
  void aMergerOfPartialsAsksForACommitOnceItsPartialsStop() {
    Dimension countries = new Dimension("country", true, PRODUCTS.aggregations().stream()
        .map(clicks -> TopologyFixture.aggregation("clicks", clicks.window(), clicks.grace(), Measure.COUNT, "country",
            List.of(), EmitMode.UPDATES, "click")).toList());
    MockProcessorContext<String, Emission> mergerContext = new MockProcessorContext<>();
    mergerContext.setCurrentSystemTimeMs(T);
    MockStores.register(mergerContext, MockStores.store(countries.mergedStore(), new MergedGroupSerde()));
    MockStores.register(mergerContext, MockStores.store(countries.sourceTimesStore(), Serdes.Long()));
    PartialMerger merger = new PartialMerger(countries, 1, TopologyFixture.EMIT_INTERVAL);
    merger.init(mergerContext);

    merger.process(new Record<>("", new Partial.Watermark(0, T), T));
    mergerContext.scheduledPunctuators().getFirst().getPunctuator().punctuate(T);
    assertThat(mergerContext.committed()).isFalse();
    mergerContext.scheduledPunctuators().getFirst().getPunctuator().punctuate(T);
    assertThat(mergerContext.committed()).isTrue();
  }

  private void process() {
    processor.process(new Record<>("p1", new DimensionEvent(new SourcePosition(0, offset++), T, "e" + offset, "click", "u1",
        "DE", "pro", null, 0), T));
  }

  private void tick() {
    context.scheduledPunctuators().getFirst().getPunctuator().punctuate(T);
  }
}
