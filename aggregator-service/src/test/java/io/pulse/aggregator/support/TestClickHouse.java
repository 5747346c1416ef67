package io.pulse.aggregator.support;

import com.clickhouse.client.api.Client;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.clickhouse.SchemaMigrator;
import io.pulse.testservers.ClickHouseServer;

/**
 * A client to a test's own ClickHouse server (from TestServers: local, or the compose image under
 * -Pcontainers), set up like the services' one, with the schema applied.
 */
public final class TestClickHouse {

  private TestClickHouse() {}

  public static ClickHouse migrated(ClickHouseServer server) {
    ClickHouse clickHouse = new ClickHouse(new Client.Builder().addEndpoint(server.httpUrl())
        .setUsername(server.username()).setPassword(server.password())
        .compressServerResponse(false).compressClientRequest(false) // 18.16's compressed responses arrive empty
        .serverSetting("output_format_json_quote_64bit_integers", "0").build(), 30_000);
    new SchemaMigrator(clickHouse).migrate();
    return clickHouse;
  }
}
