package io.pulse.aggregator.topology;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A pre-aggregated aggregation's window versions, as this source partition's partials keyed by the
 * dimension value: provisional while the partition's watermark has not closed the window, its last
 * at the close, amended ones after. {@link PartialMerger} adds the partitions' partials up into rows.
 */
final class WindowPartials implements WindowOutput {

  private final int aggregation;
  private final int partition;
  private final ProcessorContext<String, Emission> context;
  private boolean sent;

  WindowPartials(int aggregation, int partition, ProcessorContext<String, Emission> context) {
    this.aggregation = aggregation;
    this.partition = partition;
    this.context = context;
  }

  @Override
  public void provisional(GroupKey group, long start, long end, Slot value, long revision, long watermark) {
    send(group, start, end, value, revision, false);
  }

  @Override
  public void finalRow(GroupKey group, long start, long end, Slot value, long revision, boolean amended, long watermark) {
    send(group, start, end, value, revision, amended);
  }

  private void send(GroupKey group, long start, long end, Slot value, long revision, boolean amended) {
    Partial partial = new Partial.Window(aggregation, group.encode(), start, end, partition, revision, amended, value);
    context.forward(new Record<>(group.value(), Emission.partial(partial), context.currentSystemTimeMs()));
    sent = true;
  }

  /** Whether a partial left since the last call. */
  boolean takeSent() {
    boolean was = sent;
    sent = false;
    return was;
  }
}
