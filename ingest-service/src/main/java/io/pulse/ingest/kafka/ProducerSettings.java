package io.pulse.ingest.kafka;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The producer settings the 202 promise rests on, applied over whatever configuration says: a 202
 * means every replica in sync has the record (acks=all), and retries never duplicate or reorder
 * (idempotence). Tunables (compression, linger, buffer, timeouts) stay in application.yml.
 */
@Configuration(proxyBeanMethods = false)
class ProducerSettings {

  @Bean
  DefaultKafkaProducerFactoryCustomizer deliveryGuarantees() {
    return factory -> factory.updateConfigs(Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        // Topics.EVENTS and Topics.USER_PROFILES: String keys, byte[] values.
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }
}
