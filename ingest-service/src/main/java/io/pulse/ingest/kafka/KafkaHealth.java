package io.pulse.ingest.kafka;

import io.pulse.ingest.config.IngestProperties;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** {@code kafka} in /actuator/health: can we reach the cluster, within a short timeout? */
@Configuration(proxyBeanMethods = false)
class KafkaHealth {

  /** One long-lived client for the checks (and the live warm-up's topic); closed with the context. */
  @Bean(destroyMethod = "close")
  Admin healthAdminClient(KafkaAdmin kafkaAdmin) {
    return Admin.create(kafkaAdmin.getConfigurationProperties());
  }

  @Bean
  HealthIndicator kafkaHealthIndicator(Admin healthAdminClient, IngestProperties properties) {
    Duration timeout = properties.kafka().healthTimeout();
    return () -> {
      try {
        DescribeClusterResult cluster =
            healthAdminClient.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
        return Health.up()
            .withDetail("clusterId", cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS))
            .withDetail("nodes", cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size())
            .build();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Health.down(e).build();
      } catch (Exception e) {
        return Health.down(e).build();
      }
    };
  }
}
