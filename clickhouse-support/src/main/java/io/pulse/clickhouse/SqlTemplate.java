package io.pulse.clickhouse;

import com.clickhouse.data.ClickHouseValues;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds {@code :name} placeholders as literals escaped by the ClickHouse client. Server-side
 * {@code {name:Type}} parameters would be nicer but ClickHouse 18.16 lacks them; values never
 * reach the SQL text any other way, so user input cannot change a query's shape.
 */
final class SqlTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("(?<![:\\w]):([a-zA-Z][a-zA-Z0-9_]*)");

  private SqlTemplate() {}

  static String render(String sql, Map<String, ?> params) {
    if (params.isEmpty()) {
      return sql;
    }
    Matcher matcher = PLACEHOLDER.matcher(sql);
    StringBuilder out = new StringBuilder(sql.length() + 64);
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!params.containsKey(name)) {
        throw new IllegalArgumentException("no value bound for :" + name);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(ClickHouseValues.convertToSqlExpression(params.get(name))));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
