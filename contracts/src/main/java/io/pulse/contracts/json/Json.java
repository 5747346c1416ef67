package io.pulse.contracts.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper for the platform's own records: aggregation definitions, profiles, late
 * events, window results (see {@code JsonSerde}). Events have their own strict reader and writer,
 * {@code EventJson}, which uses this mapper underneath.
 */
public final class Json {

  /**
   * Refuses duplicate keys, so {@code {"country":"DE","country":"FR"}} is an error and not silently
   * "FR". Thread-safe; configured once here, never per call site.
   */
  public static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private Json() {}
}
