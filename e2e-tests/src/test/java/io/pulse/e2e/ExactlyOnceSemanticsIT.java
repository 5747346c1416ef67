package io.pulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.junit.jupiter.api.Test;

/** The same scenario with Kafka transactions: the switch must not change a single result. */
class ExactlyOnceSemanticsIT extends StreamSemanticsScenario {

  @Override
  String processingGuarantee() {
    return "exactly_once_v2";
  }

  @Test
  void theAggregatorReallyRunsWithTransactions() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka.bootstrapServers()))) {
      assertThat(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get())
          .as("transactional producers create the transaction log").contains("__transaction_state");
    }
  }
}
