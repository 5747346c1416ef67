package io.pulse.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** HTTP to Kafka: validates events and profiles at the edge and publishes them with acks=all. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

  public static void main(String[] args) {
    SpringApplication.run(IngestApplication.class, args);
  }
}
