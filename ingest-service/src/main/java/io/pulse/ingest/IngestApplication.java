package io.pulse.ingest;

import io.pulse.contracts.topic.TopicDeclarations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** HTTP to Kafka: validates events and profiles at the edge and publishes them with acks=all. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopicDeclarations.class)
public class IngestApplication {

  public static void main(String[] args) {
    SpringApplication.run(IngestApplication.class, args);
  }
}
