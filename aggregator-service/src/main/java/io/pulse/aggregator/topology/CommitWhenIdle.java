package io.pulse.aggregator.topology;

import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Asks Kafka Streams to commit a task as soon as its input goes quiet. Under load a task commits at
 * the commit interval, which at-least-once keeps long: every commit writes each group changed since
 * the last one whole, a per-user sliding group hundreds of slots. Once a tick passes without a
 * record, the task's offsets (what lag monitors and a restart read) catch up at once instead of up
 * to an interval later.
 */
final class CommitWhenIdle {

  private final ProcessorContext<?, ?> context;
  /** A record arrived since the last tick. */
  private boolean received;
  /** Records arrived since the last commit this asked for. */
  private boolean uncommitted;

  CommitWhenIdle(ProcessorContext<?, ?> context) {
    this.context = context;
  }

  void received() {
    received = true;
    uncommitted = true;
  }

  /** At each tick: commits when no record came since the last one and some came since the last commit asked for. */
  void tick() {
    if (!received && uncommitted) {
      context.commit();
      uncommitted = false;
    }
    received = false;
  }
}
