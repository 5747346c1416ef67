package io.pulse.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void a_plain_selector_is_its_metric() {
    assertThat(PromQl.metricNames("pulse_ingest_in_flight")).containsExactly("pulse_ingest_in_flight");
  }

  @Test
  void functions_aggregations_label_lists_matchers_and_ranges_are_not_metrics() {
    String expr = "histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
        + "{application=\"query-api\", uri!~\"/actuator.*\"}[$__rate_interval])))";
    assertThat(PromQl.metricNames(expr)).containsExactly("http_server_requests_seconds_bucket");
  }

  @Test
  void every_operand_of_a_binary_expression_counts() {
    String expr = "sum(rate(pulse_sink_batch_size_sum[5m])) / sum without (table) (rate(pulse_sink_batch_size_count[5m])) > bool 0";
    assertThat(PromQl.metricNames(expr)).containsExactly("pulse_sink_batch_size_sum", "pulse_sink_batch_size_count");
  }

  @Test
  void vector_matching_offsets_numbers_and_strings_are_skipped() {
    String expr = "a_total / on(instance) group_left(version) b_info offset 5m * 1.5e+3 "
        + "+ label_replace(c_seconds, \"dst\", \"$1\", \"src\", \"(.*)\") unless ignoring(job) d";
    assertThat(PromQl.metricNames(expr)).containsExactly("a_total", "b_info", "c_seconds", "d");
  }

  @Test
  void a_name_matcher_selects_its_metric() {
    assertThat(PromQl.metricNames("count({__name__=\"pulse_stream_late_total\", aggregation=~\".+\"})"))
        .containsExactly("pulse_stream_late_total");
  }

  @Test
  void grafana_variables_are_skipped() {
    assertThat(PromQl.metricNames("increase(x_total{a=\"$agg\"}[$__range]) / ${divisor} + $other"))
        .containsExactly("x_total");
  }

  @Test
  void unbalanced_expressions_are_reported() {
    assertThatThrownBy(() -> PromQl.metricNames("rate(x[5m)")).isInstanceOf(IllegalArgumentException.class);
  }
}
