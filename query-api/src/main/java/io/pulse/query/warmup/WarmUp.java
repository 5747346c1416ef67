package io.pulse.query.warmup;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.contracts.auth.ApiKeys;
import io.pulse.query.QueryProperties;
import io.pulse.query.aggregations.AggregationCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Sends {@code pulse.query.warm-up-requests} requests to this service's own busiest endpoints over loopback once its
 * server listens, before it reports healthy ({@link WarmUpHealthIndicator}): a cold query-api under dashboard load
 * (50 top-10 boards/s) spent its first minute at 20-40 % CPU, half of it in JIT compiler threads, against 7 % warm.
 * Round after round: the aggregation list, the top-10 of each aggregation with boards, and the series of one of them
 * (in turn: a series is read from ClickHouse every time, a board mostly comes from the shared answers, and dashboards
 * ask for boards far more often). The list is read again every round, so aggregations the aggregator declares
 * meanwhile join in. Every endpoint here only reads, and an empty ClickHouse answers them all. A request that fails
 * is logged once and left out of the following rounds; the service starts either way, only colder.
 */
@Component
class WarmUp implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int TOP = 10;
  /** Any key: the series' read is what gets compiled, not its points. */
  private static final String SERIES_KEY = "warm-up";

  private final ApplicationContext context;
  private final AggregationCatalog catalog;
  private final QueryProperties properties;
  private final WarmUpHealthIndicator health;

  WarmUp(ApplicationContext context, AggregationCatalog catalog, QueryProperties properties,
      WarmUpHealthIndicator health) {
    this.context = context;
    this.catalog = catalog;
    this.properties = properties;
    this.health = health;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (properties.warmUpRequests() == 0) {
      return;
    }
    try {
      WebServer server = context instanceof WebServerApplicationContext web ? web.getWebServer() : null;
      if (server == null || server.getPort() <= 0) {
        log.info("No web server listening (a mock environment): no warm-up");
        return;
      }
      warmUp(base(server.getPort()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Warm-up interrupted; the service starts colder", e);
    } catch (RuntimeException e) {
      log.warn("Warm-up failed; the service starts colder", e);
    } finally {
      health.finished();
    }
  }

  private void warmUp(URI base) throws InterruptedException {
    String key = properties.auth().enabled() ? properties.auth().readKeys().getFirst() : null;
    Set<String> failed = new HashSet<>();
    Set<String> boards = new HashSet<>();
    int sent = 0;
    int rounds = 0;
    long started = System.nanoTime();
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build()) {
      while (sent < properties.warmUpRequests()) {
        List<String> round = round(rounds++, boards);
        round.removeAll(failed);
        if (round.isEmpty()) {
          break;
        }
        for (String target : round) {
          if (sent == properties.warmUpRequests()) {
            break;
          }
          if (!send(http, base, target, key)) {
            failed.add(target);
          }
          sent++;
          health.sent();
        }
      }
    }
    log.info("Warmed up with {} requests in {} ms (boards of {} aggregations{})", sent,
        (System.nanoTime() - started) / 1_000_000, boards.size(),
        failed.isEmpty() ? "" : "; " + failed.size() + " requests failed, see above");
  }

  /** The targets of round {@code number}, as paths with their queries; adds the aggregations whose boards it asks for. */
  private List<String> round(int number, Set<String> boards) {
    List<String> names = catalog.all().stream()
        .filter(definition -> definition.window().type() != WindowType.SESSION) // no boards; no dashboard polls them
        .map(AggregationDefinition::name)
        .toList();
    boards.addAll(names);
    List<String> round = new ArrayList<>();
    round.add("/v1/aggregations");
    int limit = Math.min(TOP, properties.maxLimit());
    names.forEach(name -> round.add("/v1/leaderboards/" + encoded(name) + "?limit=" + limit));
    if (!names.isEmpty()) {
      round.add("/v1/aggregations/" + encoded(names.get(number % names.size())) + "/series?key=" + SERIES_KEY);
    }
    return round;
  }

  /** True on a 2xx answer; anything else is logged here, once, as its target is not asked again. */
  private boolean send(HttpClient http, URI base, String target, String key) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(target)).timeout(TIMEOUT)
        .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
    if (key != null) {
      request.header(ApiKeys.HEADER, key);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        return true;
      }
      log.warn("Warm-up: GET {} answered {}, left out from now on: {}", target, response.statusCode(),
          abbreviated(response.body()));
    } catch (IOException e) {
      log.warn("Warm-up: GET {} failed, left out from now on", target, e);
    }
    return false;
  }

  private static URI base(int port) {
    try {
      // the URI constructor brackets an IPv6 loopback
      return new URI("http", null, InetAddress.getLoopbackAddress().getHostAddress(), port, null, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encoded(String name) {
    return UriUtils.encodePathSegment(name, StandardCharsets.UTF_8);
  }

  private static String abbreviated(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }
}
