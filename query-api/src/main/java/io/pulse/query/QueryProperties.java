package io.pulse.query;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param defaultLimit        leaderboard size when the caller does not say
 * @param maxLimit            the largest leaderboard a caller may ask for
 * @param catalogRefresh      how long the list of declared aggregations is cached
 * @param catalogMissRefresh  an unknown name reloads the list, but at most this often
 * @param statusTtl           how long an aggregation's watermark and late-event count are reused:
 *                            the late count scans the aggregation's late events, so requests share one read
 * @param boardTtl            how long a leaderboard answer is shared by identical requests (0: not at all);
 *                            concurrent identical requests always share one read
 * @param boardStaleFor       after {@code boardTtl}, how much longer the shared answer is still served while one
 *                            fresh read runs in the background (refresh ahead); unasked for that long, it goes
 * @param rangeBoards         bounds of range leaderboards (from/to, last)
 * @param series              bounds of the time-series endpoint
 * @param sessions            bounds of the session-statistics endpoint
 * @param stream              the SSE leaderboard stream
 * @param auth                read keys for the API and its streams (docs/access.md)
 * @param cors                which other origins' pages may call the API from a browser (docs/access.md)
 * @param warmUpRequests      requests the service sends to its own busiest endpoints at start-up, before it
 *                            reports healthy, so that the JIT compiles them before users arrive (a cold service
 *                            spent its first minute of load compiling); 0 turns the warm-up off
 */
@Validated
@ConfigurationProperties("pulse.query")
public record QueryProperties(
    @DefaultValue("10") @Min(1) int defaultLimit,
    @DefaultValue("100") @Min(1) @Max(10_000) int maxLimit,
    @DefaultValue("5s") Duration catalogRefresh,
    @DefaultValue("1s") Duration catalogMissRefresh,
    @DefaultValue("1s") @NotNull Duration statusTtl,
    @DefaultValue("0s") @NotNull Duration boardTtl,
    @DefaultValue("2s") @NotNull Duration boardStaleFor,
    @DefaultValue @Valid RangeBoards rangeBoards,
    @DefaultValue @Valid Series series,
    @DefaultValue @Valid Sessions sessions,
    @DefaultValue @Valid Stream stream,
    @DefaultValue @Valid Auth auth,
    @DefaultValue @Valid Cors cors,
    @DefaultValue("6000") @Min(0) int warmUpRequests) {

  /**
   * @param maxRange    the widest range a board may combine ({@code from..to} or {@code last}): every window in it
   *                    is read, so this bounds a range board's cost
   * @param windowCache closed windows' group values kept in memory, so a range reads only what may have changed
   */
  public record RangeBoards(
      @DefaultValue("31d") @NotNull Duration maxRange,
      @DefaultValue @Valid WindowCache windowCache) {}

  /**
   * @param maxGroups   bound of the cache, in groups over all cached windows (~100 bytes each); 0 turns it off
   * @param maxFillRows at most this many stored rows are read window by window by one background fill of the
   *                    cache (a request reads its uncached windows combined and never waits for a fill)
   */
  public record WindowCache(
      @DefaultValue("1500000") @Min(0) long maxGroups,
      @DefaultValue("50000") @Min(1) int maxFillRows) {}

  /**
   * @param defaultWindows windows shown when {@code from} is missing
   * @param maxRange       the widest {@code from..to} a caller may ask for
   * @param maxPoints      at most this many points per response (then {@code truncated})
   */
  public record Series(
      @DefaultValue("60") @Min(1) int defaultWindows,
      @DefaultValue("7d") @NotNull Duration maxRange,
      @DefaultValue("2000") @Min(1) @Max(100_000) int maxPoints) {}

  /**
   * @param defaultRange span covered when {@code from} is missing
   * @param maxRange     the widest {@code from..to} a caller may ask for
   * @param topSessions  how many of the longest sessions are listed
   */
  public record Sessions(
      @DefaultValue("1h") @NotNull Duration defaultRange,
      @DefaultValue("7d") @NotNull Duration maxRange,
      @DefaultValue("5") @Min(0) @Max(100) int topSessions) {}

  /**
   * @param pollInterval    how often a board with subscribers is re-read from ClickHouse
   * @param heartbeat       how often an idle stream gets a comment, so proxies keep it open
   * @param emitterTimeout  a stream is closed after this long; EventSource reconnects by itself
   * @param reconnectDelay  the {@code retry:} hint sent to clients
   * @param maxSubscribers  streams open at once, over all boards
   * @param maxBoards       distinct (aggregation, parameters) boards polled at once
   */
  public record Stream(
      @DefaultValue("500ms") @NotNull Duration pollInterval,
      @DefaultValue("15s") @NotNull Duration heartbeat,
      @DefaultValue("30m") @NotNull Duration emitterTimeout,
      @DefaultValue("2s") @NotNull Duration reconnectDelay,
      @DefaultValue("500") @Min(1) int maxSubscribers,
      @DefaultValue("50") @Min(1) int maxBoards) {}

  /**
   * @param enabled  on unless set to false explicitly: then {@code /v1/**} is open to anyone who can
   *                 reach the port (logged as a warning at start-up)
   * @param readKeys accepted read keys (env {@code PULSE_QUERY_AUTH_READ_KEYS=key1,key2}); a set of
   *                 their own, so ingest's write keys read nothing here. Required while enabled.
   */
  public record Auth(
      @DefaultValue("true") boolean enabled,
      @DefaultValue List<@NotBlank(message = "read keys must not be blank") String> readKeys) {

    /** Like ingest without keys: refuse to start rather than run open by accident. */
    @AssertTrue(message = "no read keys configured: set pulse.query.auth.read-keys (env PULSE_QUERY_AUTH_READ_KEYS="
        + "key1,key2), or pulse.query.auth.enabled=false to leave the query API open to anyone who can reach it")
    public boolean isKeyedWhenEnabled() {
      return !enabled || (readKeys != null && !readKeys.isEmpty());
    }
  }

  /**
   * @param allowedOrigins origins ({@code scheme://host[:port]}) whose pages may call {@code /v1/**} from a
   *                       browser; any other origin's request is refused with a 403 problem. Empty (the
   *                       default): only the page this service serves itself (same origin).
   */
  public record Cors(
      @DefaultValue List<@Pattern(regexp = "https?://[^/\\s]+", message = "allowed origins are scheme://host[:port], "
          + "without a path or a trailing slash") String> allowedOrigins) {}
}
