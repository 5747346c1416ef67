package io.pulse.aggregator.oracle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The last oracle run as gauges ({@code pulse_oracle_lost_events}, {@code
 * pulse_oracle_double_counted_events}, ...): NaN until the oracle has run once, so "never checked"
 * is never mistaken for "checked, all fine".
 */
@Component
class OracleMetrics {

  private final AtomicReference<OracleReport> last = new AtomicReference<>();

  OracleMetrics(MeterRegistry registry) {
    gauge(registry, "pulse.oracle.lost.events", "events missing from final window rows at the last oracle run",
        OracleReport::lostEvents);
    gauge(registry, "pulse.oracle.double.counted.events", "events counted more than once at the last oracle run",
        OracleReport::doubleCountedEvents);
    gauge(registry, "pulse.oracle.late.events", "late events excluded from the last oracle run", OracleReport::lateEvents);
    gauge(registry, "pulse.oracle.pending.windows", "windows not closed yet (not judged) at the last oracle run",
        OracleReport::pendingWindows);
    gauge(registry, "pulse.oracle.differing.windows", "window rows differing from the recount at the last oracle run",
        OracleReport::differingWindows);
    gauge(registry, "pulse.oracle.last.run.seconds", "when the oracle last ran (epoch seconds)",
        report -> report.checkedAt().toEpochMilli() / 1000.0);
  }

  void record(OracleReport report) {
    last.set(report);
  }

  private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<OracleReport> value) {
    Gauge.builder(name, last, ref -> ref.get() == null ? Double.NaN : value.applyAsDouble(ref.get()))
        .description(description)
        .register(registry);
  }
}
