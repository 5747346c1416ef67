package io.pulse.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Applies the versioned SQL files under {@code db/clickhouse/} (copied from infra/clickhouse) in
 * name order and records each in {@code schema_migrations}; an applied version is never re-run.
 * Every statement is idempotent (IF NOT EXISTS), so two services migrating at once is harmless; an
 * ADD COLUMN cannot say IF NOT EXISTS on every ClickHouse this runs on, so a column another service
 * added a moment before counts as added.
 */
public class SchemaMigrator {

  private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
  private static final String LOCATION = "classpath*:db/clickhouse/V*__*.sql";

  private final ClickHouse clickHouse;

  public SchemaMigrator(ClickHouse clickHouse) {
    this.clickHouse = clickHouse;
  }

  public void migrate() {
    clickHouse.execute("""
        CREATE TABLE IF NOT EXISTS schema_migrations
        (version String, applied_at DateTime DEFAULT now())
        ENGINE = ReplacingMergeTree ORDER BY version""");
    Set<String> applied = clickHouse.query("SELECT DISTINCT version FROM schema_migrations").stream()
        .map(row -> row.get("version").asString())
        .collect(Collectors.toSet());
    for (Resource script : scripts()) {
      String version = script.getFilename().substring(0, script.getFilename().indexOf("__"));
      if (applied.contains(version)) {
        continue;
      }
      for (String statement : statements(script)) {
        execute(statement);
      }
      clickHouse.execute("INSERT INTO schema_migrations (version) VALUES (:version)", Map.of("version", version));
      log.info("Applied ClickHouse migration {}", script.getFilename());
    }
  }

  void execute(String statement) {
    try {
      clickHouse.execute(statement);
    } catch (ClickHouseException e) {
      if (!(statement.startsWith("ALTER TABLE") && statement.contains("ADD COLUMN") && mentions(e, "already exists"))) {
        throw e;
      }
      log.info("Column of '{}' exists already (another service migrated at the same time)", statement);
    }
  }

  private static boolean mentions(Throwable error, String text) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && cause.getMessage().contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static Resource[] scripts() {
    try {
      Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
      Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
      return resources;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + LOCATION, e);
    }
  }

  /** Splits a script on ';' at line ends; comment lines are dropped. */
  static String[] statements(Resource script) {
    try {
      String text = script.getContentAsString(StandardCharsets.UTF_8).lines()
          .filter(line -> !line.strip().startsWith("--"))
          .collect(Collectors.joining("\n"));
      return Arrays.stream(text.split(";\\s*(\\n|$)"))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toArray(String[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + script, e);
    }
  }
}
