package io.pulse.ingest.support;

import io.pulse.testservers.KafkaServer;
import io.pulse.testservers.TestServers;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real single-node KRaft broker from {@link TestServers}: local-stack's broker in the test JVM on
 * a random port by default, the broker image docker-compose.yml runs under -Pcontainers. Neither
 * creates a topic on first use, so the service's own topic declarations are tested too.
 *
 * <p>As a context initializer it starts the broker before the application, points
 * {@code spring.kafka.bootstrap-servers} at it, and registers it as a bean that is destroyed after
 * every other one (so producers close while the broker is still there).
 */
public final class KafkaTestBroker implements DisposableBean {

  private final KafkaServer server;

  private KafkaTestBroker(KafkaServer server) {
    this.server = server;
  }

  public String bootstrapServers() {
    return server.bootstrapServers();
  }

  @Override
  public void destroy() {
    server.close();
  }

  /** Wires a fresh broker into the application context being built. */
  public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String BEAN_NAME = "kafkaTestBroker";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      KafkaTestBroker broker = new KafkaTestBroker(TestServers.startKafka());
      TestPropertyValues.of("spring.kafka.bootstrap-servers=" + broker.bootstrapServers()).applyTo(context);
      ConfigurableListableBeanFactory beans = context.getBeanFactory();
      beans.registerSingleton(BEAN_NAME, broker);
      ((DefaultSingletonBeanRegistry) beans).registerDisposableBean(BEAN_NAME, broker);
    }
  }
}
