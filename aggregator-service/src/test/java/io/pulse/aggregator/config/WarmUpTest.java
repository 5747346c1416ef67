package io.pulse.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

class WarmUpTest {

  /** The shipped aggregations, as application.yml declares them. */
  static AggregatorProperties shipped() throws IOException {
    var sources = new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
    return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
        .bind("pulse.aggregator", AggregatorProperties.class).get();
  }

  @Test
  void theShippedAggregationsRunThroughTheWarmUpAndWriteRowsAndItLeavesNoStateBehind() throws IOException {
    AggregatorProperties shipped = shipped();
    assertThat(shipped.aggregations()).hasSizeGreaterThanOrEqualTo(8);
    long before = warmUpDirectories();

    long rows = WarmUp.drive(shipped, 20_000);

    assertThat(rows).as("window rows: every stage of the hot path ran").isGreaterThan(1_000);
    assertThat(warmUpDirectories()).as("its state directory is deleted").isEqualTo(before);
  }

  private static long warmUpDirectories() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(path -> path.getFileName().toString().startsWith("pulse-warm-up")).count();
    }
  }
}
