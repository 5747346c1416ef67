package io.pulse.query;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param defaultLimit     leaderboard size when the caller does not say
 * @param maxLimit         the largest leaderboard a caller may ask for
 * @param catalogRefresh   how long the list of declared aggregations is cached
 */
@Validated
@ConfigurationProperties("pulse.query")
public record QueryProperties(
    @DefaultValue("10") @Min(1) int defaultLimit,
    @DefaultValue("100") @Min(1) @Max(10_000) int maxLimit,
    @DefaultValue("5s") Duration catalogRefresh) {}
