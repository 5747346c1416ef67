package io.pulse.clickhouse;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where ClickHouse is and how hard we may lean on it.
 *
 * @param url            HTTP endpoint, e.g. http://127.0.0.1:8123 (env PULSE_CLICKHOUSE_URL)
 * @param maxConnections cap on pooled HTTP connections, so a query storm cannot exhaust the server
 * @param socketTimeout  per-request read timeout
 * @param migrate        apply the schema under db/clickhouse at start-up
 * @param serverSettings ClickHouse settings sent with every request of this service
 */
@Validated
@ConfigurationProperties("pulse.clickhouse")
public record ClickHouseProperties(
    @DefaultValue("http://127.0.0.1:8123") @NotBlank String url,
    @DefaultValue("default") @NotBlank String username,
    @DefaultValue("") String password,
    @DefaultValue("default") @NotBlank String database,
    @DefaultValue("16") @Min(1) int maxConnections,
    @DefaultValue("30s") Duration socketTimeout,
    @DefaultValue("true") boolean migrate,
    @DefaultValue Map<String, String> serverSettings) {}
