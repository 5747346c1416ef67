package io.pulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** pulse.retention as the services bind it, and the time a partition id stands for. */
class RetentionSettingsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(RetentionProperties.class)
  static class Bound {}

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(Bound.class);

  @Test
  void defaultsKeepRawEventsAWeekWindowRowsNinetyDaysAndLateEventsThirtyDays() {
    context.run(ctx -> {
      RetentionProperties retention = ctx.getBean(RetentionProperties.class);
      assertThat(retention).isEqualTo(RetentionProperties.defaults());
      assertThat(retention.byTable()).containsExactly(
          Map.entry("events", Duration.ofDays(7)),
          Map.entry("window_aggregates", Duration.ofDays(90)),
          Map.entry("late_events", Duration.ofDays(30)));
    });
  }

  @Test
  void eachRetentionIsOneKey() {
    context.withPropertyValues("pulse.retention.events=36h", "pulse.retention.window-aggregates=400d",
        "pulse.retention.late-events=14d", "pulse.retention.interval=10m").run(ctx -> {
          RetentionProperties retention = ctx.getBean(RetentionProperties.class);
          assertThat(retention.events()).isEqualTo(Duration.ofHours(36));
          assertThat(retention.windowAggregates()).isEqualTo(Duration.ofDays(400));
          assertThat(retention.lateEvents()).isEqualTo(Duration.ofDays(14));
          assertThat(retention.interval()).isEqualTo(Duration.ofMinutes(10));
        });
  }

  @Test
  void aRetentionOfZeroWouldDropEverythingAndStopsTheStart() {
    context.withPropertyValues("pulse.retention.events=0s").run(ctx ->
        assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("pulse.retention.events"));
  }

  @Test
  void retentionsReadAsConfiguredWholeDaysAsDays() {
    assertThat(RetentionProperties.iso(Duration.ofDays(90))).isEqualTo("P90D");
    assertThat(RetentionProperties.iso(Duration.ofHours(36))).isEqualTo("PT36H");
    assertThat(Duration.parse(RetentionProperties.iso(Duration.ofDays(7)))).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void aMonthPartitionCoversTheMonthAndADayPartitionTheDayInTheServersZone() {
    assertThat(TimePartitions.span("202602", ZoneOffset.UTC, 5)).isEqualTo(new TimePartitions.Partition("202602",
        Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"), 5));
    assertThat(TimePartitions.span("20261231", ZoneId.of("Europe/Berlin"), 1)).isEqualTo(new TimePartitions.Partition(
        "20261231", Instant.parse("2026-12-30T23:00:00Z"), Instant.parse("2026-12-31T23:00:00Z"), 1));
    assertThat(TimePartitions.span("all", ZoneOffset.UTC, 1)).isNull();
    assertThat(TimePartitions.span("202613", ZoneOffset.UTC, 1)).as("no 13th month").isNull();
  }

  @Test
  void aPartitionIsDueOnceItsWholeSpanLiesBeforeTheCutoff() {
    TimePartitions.Partition february = TimePartitions.span("202602", ZoneOffset.UTC, 1);
    assertThat(february.endsBy(Instant.parse("2026-03-01T00:00:00Z"))).isTrue();
    assertThat(february.endsBy(Instant.parse("2026-02-28T23:59:59Z"))).isFalse();
  }
}
