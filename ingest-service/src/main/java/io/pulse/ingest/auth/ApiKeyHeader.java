package io.pulse.ingest.auth;

/** The request header carrying the API key; the filter checks it, the rate limiter buckets by it. */
public final class ApiKeyHeader {

  public static final String NAME = "X-Api-Key";

  private ApiKeyHeader() {}
}
