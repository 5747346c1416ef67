package io.pulse.aggregator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AggregatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(AggregatorApplication.class, args);
  }
}
