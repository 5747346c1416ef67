package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.aggregation.WindowType;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The rows of one aggregation's windows: provisional versions while a window is open, one final
 * version when it closes (outranking them: revision + 1), amended final versions when a late event
 * reopens it, and retractions of session spans that no longer exist. A session remembers the span
 * of its last row, so a row of another span retracts it.
 */
final class WindowRows implements WindowOutput {

  private enum Version { PROVISIONAL, FINAL, AMENDED, RETRACTED }

  private final AggregationDefinition definition;
  private final String aggregation;
  private final boolean sessions;
  private final ProcessorContext<String, Emission> context;

  WindowRows(AggregationDefinition definition, ProcessorContext<String, Emission> context) {
    this.definition = definition;
    this.aggregation = definition.name();
    this.sessions = definition.window().type() == WindowType.SESSION;
    this.context = context;
  }

  @Override
  public void provisional(GroupKey group, long start, long end, Slot value, long revision, long watermark) {
    emit(group, start, end, value, revision, Version.PROVISIONAL, watermark);
  }

  /** A final row (amended: a late event reopened the window); a session's row of another span goes. */
  @Override
  public void finalRow(GroupKey group, long start, long end, Slot value, long revision, boolean amended, long watermark) {
    if (sessions) {
      retractIfMoved(group, value, watermark);
      value.emitted(start, end);
    }
    emit(group, start, end, value, revision, amended ? Version.AMENDED : Version.FINAL, watermark);
  }

  /**
   * Before a session's provisional row: retracts the row of the span it had, if it has another
   * now, and remembers the new one. True when the session's state changed (it must be written back).
   */
  @Override
  public boolean moveSpan(GroupKey group, Slot session, long watermark) {
    if (!sessions || (session.emittedStart() == session.start && session.emittedEnd() == session.end)) {
      return false;
    }
    retractIfMoved(group, session, watermark);
    session.emitted(session.start, session.end);
    return true;
  }

  /** A session merged into another: its row, if it had one, goes. */
  @Override
  public void retractIfEmitted(GroupKey group, Slot mergedAway, long watermark) {
    if (mergedAway.emitted()) {
      retract(group, mergedAway.emittedStart(), mergedAway.emittedEnd(), watermark);
    }
  }

  private void retractIfMoved(GroupKey group, Slot session, long watermark) {
    if (session.emitted() && (session.emittedStart() != session.start || session.emittedEnd() != session.end)) {
      retract(group, session.emittedStart(), session.emittedEnd(), watermark);
    }
  }

  private void retract(GroupKey group, long start, long end, long watermark) {
    emit(group, start, end, new Slot(start, end), WindowResult.RETRACTED_REVISION, Version.RETRACTED, watermark);
  }

  private void emit(GroupKey group, long start, long end, Slot value, long revision, Version version, long watermark) {
    long now = context.currentSystemTimeMs();
    WindowResult row = new WindowResult(aggregation, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end),
        group.value(), group.type(), group.country(), group.plan(), value.count, value.value(definition), revision,
        version == Version.FINAL || version == Version.AMENDED, version == Version.RETRACTED, Instant.ofEpochMilli(watermark),
        Instant.ofEpochMilli(value.lastReceivedMs), Instant.ofEpochMilli(now), version == Version.AMENDED, value.lateCount(),
        value.valued(), value.sketch());
    // Keyed by group, not by window: every row of a group goes to one partition in emission order,
    // which the sink's clean-up of superseded sessions relies on (SupersededSessions).
    context.forward(new Record<>(aggregation + "|" + group.encode(), Emission.row(row), now));
  }
}
