package io.pulse.aggregator.sink;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.RetryListener;
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
  ConcurrentKafkaListenerContainerFactory<String, byte[]> windowSinkContainerFactory(KafkaProperties kafka,
      MeterRegistry registry) {
    Map<String, Object> props = kafka.buildConsumerProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "pulse-clickhouse-sink");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
    var consumers = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    // consumer lag and fetch metrics of the sink, next to the Streams client's own
    consumers.addListener(new MicrometerConsumerListener<>(registry));
    factory.setConsumerFactory(consumers);
    factory.setBatchListener(true);
    // ClickHouse down must never mean rows dropped: back off (capped at 10 s) and retry forever.
    ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxInterval(10_000);
    DefaultErrorHandler errorHandler = new DefaultErrorHandler(backOff);
    Counter retries = Counter.builder("pulse.sink.retries").description("failed sink batches retried").register(registry);
    errorHandler.setRetryListeners(new RetryListener() {
      @Override
      public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
        retries.increment();
      }

      @Override
      public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
        retries.increment();
      }
    });
    factory.setCommonErrorHandler(errorHandler);
    return factory;
  }
}
