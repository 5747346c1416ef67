package io.pulse.clickhouse;

/** A failed ClickHouse call, with the statement's first line for context. */
public class ClickHouseException extends RuntimeException {

  public ClickHouseException(String message, Throwable cause) {
    super(message + ": " + rootMessage(cause), cause);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
