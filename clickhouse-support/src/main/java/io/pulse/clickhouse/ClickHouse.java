package io.pulse.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one gateway to ClickHouse: parameterised queries read as JSONEachRow, commands, and bulk
 * inserts in JSONEachRow or RowBinary. Formats are spelled in the SQL because ClickHouse 18.16 ignores the
 * client's format header; both 18.16 and current servers accept everything sent here.
 */
public class ClickHouse implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Client client;
  private final long timeoutMillis;

  public ClickHouse(Client client, long timeoutMillis) {
    this.client = client;
    this.timeoutMillis = timeoutMillis;
  }

  /** Runs a SELECT with {@code :name} placeholders bound as escaped literals; one JSON object per row. */
  public List<JsonNode> query(String sql, Map<String, ?> params) {
    String rendered = SqlTemplate.render(sql, params) + "\nFORMAT JSONEachRow";
    try (QueryResponse response = await(client.query(rendered));
        BufferedReader reader = new BufferedReader(
            new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
      List<JsonNode> rows = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isEmpty()) {
          rows.add(JSON.readTree(line));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("reading ClickHouse response failed", e);
    } catch (Exception e) {
      throw new ClickHouseException("query failed: " + firstLine(sql), e);
    }
  }

  public List<JsonNode> query(String sql) {
    return query(sql, Map.of());
  }

  /** DDL and other statements without a result. */
  public void execute(String sql, Map<String, ?> params) {
    try {
      await(client.execute(SqlTemplate.render(sql, params))).close();
    } catch (Exception e) {
      throw new ClickHouseException("statement failed: " + firstLine(sql), e);
    }
  }

  public void execute(String sql) {
    execute(sql, Map.of());
  }

  /** Inserts rows given as newline-delimited JSON objects whose keys are the table's columns. */
  public void insertJsonEachRow(String table, byte[] ndjson) {
    try {
      await(client.insert(table, new ByteArrayInputStream(ndjson), ClickHouseFormat.JSONEachRow)).close();
    } catch (Exception e) {
      throw new ClickHouseException("insert into " + table + " failed", e);
    }
  }

  /** Inserts rows given in RowBinary, each holding {@code columns} in that order (the others take their defaults). */
  public void insertRowBinary(String table, List<String> columns, byte[] rows) {
    try {
      await(client.insert(table, columns, new ByteArrayInputStream(rows), ClickHouseFormat.RowBinary)).close();
    } catch (Exception e) {
      throw new ClickHouseException("insert into " + table + " failed", e);
    }
  }

  public boolean ping(long timeoutMillis) {
    return client.ping(timeoutMillis);
  }

  private <T> T await(java.util.concurrent.CompletableFuture<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  private static String firstLine(String sql) {
    String trimmed = sql.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline) + " …";
  }

  @Override
  public void close() {
    client.close();
  }
}
