package io.pulse.ingest.support;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real single-node KRaft broker in the test JVM on a random port, via Kafka's own
 * {@link KafkaClusterTestKit}: the kit spring-kafka-test's {@code EmbeddedKafkaKraftBroker} wraps.
 * We drive it directly because spring-kafka-test 4.1.2 calls kit methods that Kafka 4.3 removed
 * ({@code KafkaClusterTestKit.clientProperties()}), so {@code @EmbeddedKafka} cannot start a broker
 * with the platform's Kafka version. The calls used here exist in the 4.2 and 4.3 kits alike.
 *
 * <p>As a context initializer it starts the broker before the application, points
 * {@code spring.kafka.bootstrap-servers} at it, and registers it as a bean that is destroyed after
 * every other one (so producers close while the broker is still there).
 */
public final class KafkaTestBroker implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(KafkaTestBroker.class);

  static {
    // The test kit's temporary log dirs are deleted by a JVM shutdown hook that may run while the
    // Spring context is still closing the broker; the broker then finds its log dirs gone and halts
    // the JVM with status 1, and Surefire fails a run whose tests all passed ("Error occurred in
    // starting fork", seen in CI). Kafka's own tests replace these procedures the same way.
    Exit.setHaltProcedure((status, message) -> log.warn("Kafka test broker asked to halt ({}): {}", status, message));
    Exit.setExitProcedure((status, message) -> log.warn("Kafka test broker asked to exit ({}): {}", status, message));
  }

  private final KafkaClusterTestKit cluster;

  private KafkaTestBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  static KafkaTestBroker start() {
    try {
      KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .build())
          // Topics must come from the service's own declarations, never from a producer's first send.
          .setConfigProp("auto.create.topics.enable", "false")
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new KafkaTestBroker(cluster);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the test Kafka broker", e);
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public void destroy() throws Exception {
    cluster.close();
  }

  /** Wires a fresh broker into the application context being built. */
  public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String BEAN_NAME = "kafkaTestBroker";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      KafkaTestBroker broker = start();
      TestPropertyValues.of("spring.kafka.bootstrap-servers=" + broker.bootstrapServers()).applyTo(context);
      ConfigurableListableBeanFactory beans = context.getBeanFactory();
      beans.registerSingleton(BEAN_NAME, broker);
      ((DefaultSingletonBeanRegistry) beans).registerDisposableBean(BEAN_NAME, broker);
    }
  }
}
