package io.pulse.ingest.auth;

import io.pulse.contracts.auth.ApiKeys;

/** The request header carrying the API key; the filter checks it, the rate limiter buckets by it. */
public final class ApiKeyHeader {

  public static final String NAME = ApiKeys.HEADER;

  private ApiKeyHeader() {}
}
