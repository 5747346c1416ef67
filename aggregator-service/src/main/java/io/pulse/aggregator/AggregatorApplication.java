package io.pulse.aggregator;

import io.pulse.contracts.topic.TopicDeclarations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopicDeclarations.class) // before the Streams client starts, KafkaAdmin creates any missing platform topic
public class AggregatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(AggregatorApplication.class, args);
  }
}
