package io.pulse.clickhouse;

import com.clickhouse.client.api.Client;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * One capped, instrumented ClickHouse client per service, the schema applied at start-up, and the
 * retention settings every service that reads or writes the growing tables shares.
 */
@AutoConfiguration
@EnableConfigurationProperties({ClickHouseProperties.class, RetentionProperties.class})
public class ClickHouseAutoConfiguration {

  @Bean(destroyMethod = "close")
  ClickHouse clickHouse(ClickHouseProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
    Client.Builder builder = new Client.Builder()
        .addEndpoint(properties.url())
        .setUsername(properties.username())
        .setPassword(properties.password())
        .setDefaultDatabase(properties.database())
        .setMaxConnections(properties.maxConnections())
        .setSocketTimeout(properties.socketTimeout().toMillis(), ChronoUnit.MILLIS)
        // Idle connections must be dropped before the server's keep-alive timeout closes them.
        .setKeepAliveTimeout(2, ChronoUnit.SECONDS)
        // ClickHouse 18.16's compressed responses arrive empty; never ask for them.
        .compressServerResponse(false)
        .compressClientRequest(false)
        // 64-bit integers as JSON numbers, not strings, in JSONEachRow output.
        .serverSetting("output_format_json_quote_64bit_integers", "0");
    properties.serverSettings().forEach(builder::serverSetting);
    meterRegistry.ifAvailable(registry -> builder.registerClientMetrics(registry, "clickhouse"));
    return new ClickHouse(builder.build(), properties.socketTimeout().toMillis());
  }

  @Bean
  SchemaMigrator schemaMigrator(ClickHouse clickHouse) {
    return new SchemaMigrator(clickHouse);
  }

  /** Migrates before any lifecycle bean (Kafka consumers, streams, web server) starts. */
  @Bean
  SmartInitializingSingleton clickHouseSchemaOnStartup(ClickHouseProperties properties, SchemaMigrator migrator) {
    return () -> {
      if (properties.migrate()) {
        migrator.migrate();
      }
    };
  }

  @Bean
  TimePartitions timePartitions(ClickHouse clickHouse) {
    return new TimePartitions(clickHouse);
  }

  @Bean
  ClickHouseHealthIndicator clickHouseHealthIndicator(ClickHouse clickHouse) {
    return new ClickHouseHealthIndicator(clickHouse);
  }
}
