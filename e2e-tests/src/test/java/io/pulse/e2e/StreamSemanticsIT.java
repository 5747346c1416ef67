package io.pulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.junit.jupiter.api.Test;

/** The default: at-least-once processing, made exact by dedup and the idempotent sink. */
class StreamSemanticsIT extends StreamSemanticsScenario {

  @Override
  String processingGuarantee() {
    return "at_least_once";
  }

  @Test
  void theAggregatorRunsWithoutTransactions() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka.bootstrapServers()))) {
      assertThat(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get())
          .doesNotContain("__transaction_state");
    }
  }
}
