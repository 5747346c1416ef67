package io.pulse.aggregator.sink;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The sink's consumer: batches, read_committed (so exactly-once output is respected), endless retry. */
@Configuration
class SinkKafkaConfig {

  static final String CONTAINER_FACTORY = "windowSinkContainerFactory";

  @Bean(CONTAINER_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, byte[]> windowSinkContainerFactory(KafkaProperties kafka) {
    Map<String, Object> props = kafka.buildConsumerProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "pulse-clickhouse-sink");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
    factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer()));
    factory.setBatchListener(true);
    // ClickHouse down must never mean rows dropped: back off (capped at 10 s) and retry forever.
    ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxInterval(10_000);
    factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
    return factory;
  }
}
