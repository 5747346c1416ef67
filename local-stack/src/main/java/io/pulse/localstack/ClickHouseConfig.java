package io.pulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the config.xml and users.xml a ClickHouse server needs, everything under one data
 * directory. The {@code <yandex>} root is what Debian's 18.16 expects; current servers still
 * accept it.
 */
final class ClickHouseConfig {

  private static final String USERS_XML = """
      <?xml version="1.0"?>
      <yandex>
        <profiles>
          <default>
            <max_memory_usage>4000000000</max_memory_usage>
            <load_balancing>random</load_balancing>
            <!-- Every query lands in system.query_log: what ran and whether it failed. Not every
                 thread of it: query_thread_log wrote a row per query thread that nothing reads. -->
            <log_queries>1</log_queries>
            <log_query_threads>0</log_query_threads>
          </default>
        </profiles>
        <users>
          <default>
            <password></password>
            <networks>
              <ip>127.0.0.1</ip>
              <ip>::1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
          </default>
        </users>
        <quotas>
          <!-- Zero means unlimited: the quota exists only because a user must name one. -->
          <default>
            <interval>
              <duration>3600</duration>
              <queries>0</queries>
              <errors>0</errors>
              <result_rows>0</result_rows>
              <read_rows>0</read_rows>
              <execution_time>0</execution_time>
            </interval>
          </default>
        </quotas>
      </yandex>
      """;

  private ClickHouseConfig() {
  }

  /** Creates the directory layout and both files; returns the path of config.xml. */
  static Path write(Path dataDir, int httpPort, int tcpPort) {
    try {
      for (String sub : new String[] {"data", "tmp", "user_files", "format_schemas", "logs"}) {
        Files.createDirectories(dataDir.resolve(sub));
      }
      Path users = Files.writeString(dataDir.resolve("users.xml"), USERS_XML);
      return Files.writeString(dataDir.resolve("config.xml"), configXml(dataDir, users, httpPort, tcpPort));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write ClickHouse config into " + dataDir, e);
    }
  }

  static Path errorLog(Path dataDir) {
    return dataDir.resolve("logs/clickhouse-server.err.log");
  }

  private static String configXml(Path dir, Path users, int httpPort, int tcpPort) {
    // No interserver_http_port: without it the server opens no replication port (default
    // 9009), so several servers can run side by side.
    return """
        <?xml version="1.0"?>
        <yandex>
          <logger>
            <level>information</level>
            <log>%1$s/logs/clickhouse-server.log</log>
            <errorlog>%1$s/logs/clickhouse-server.err.log</errorlog>
            <size>100M</size>
            <count>3</count>
          </logger>
          <listen_host>127.0.0.1</listen_host>
          <http_port>%3$d</http_port>
          <tcp_port>%4$d</tcp_port>
          <!-- The 3 s default closes idle connections that java.net.http then reuses. -->
          <keep_alive_timeout>60</keep_alive_timeout>
          <max_concurrent_queries>100</max_concurrent_queries>
          <path>%1$s/data/</path>
          <tmp_path>%1$s/tmp/</tmp_path>
          <user_files_path>%1$s/user_files/</user_files_path>
          <format_schema_path>%1$s/format_schemas/</format_schema_path>
          <users_config>%2$s</users_config>
          <default_profile>default</default_profile>
          <default_database>default</default_database>
          <timezone>UTC</timezone>
          <query_log>
              <database>system</database>
              <table>query_log</table>
              <!-- ClickHouse's default, not one a second: each flush is a new part to merge.
                   SYSTEM FLUSH LOGS before reading the log. -->
              <flush_interval_milliseconds>7500</flush_interval_milliseconds>
          </query_log>
          <mark_cache_size>268435456</mark_cache_size>
          <uncompressed_cache_size>268435456</uncompressed_cache_size>
        </yandex>
        """.formatted(xml(dir.toString()), xml(users.toString()), httpPort, tcpPort);
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
