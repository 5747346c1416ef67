package io.pulse.contracts.aggregation;

import java.util.Set;

/** The dimensions an aggregation may group or split by. */
public final class Dimensions {

  public static final String ENTITY_ID = "entityId";
  public static final String USER_ID = "userId";
  public static final String TYPE = "type";
  public static final String COUNTRY = "country";
  public static final String PLAN = "plan";
  public static final String PROPERTY_PREFIX = "properties.";

  public static final Set<String> FIXED = Set.of(ENTITY_ID, USER_ID, TYPE, COUNTRY, PLAN);
  /** Dimensions that become their own column in ClickHouse, so queries can filter on them. */
  public static final Set<String> FACETS = Set.of(TYPE, COUNTRY, PLAN);

  private Dimensions() {}

  public static boolean isGroupable(String dimension) {
    return FIXED.contains(dimension)
        || (dimension.startsWith(PROPERTY_PREFIX) && dimension.length() > PROPERTY_PREFIX.length());
  }
}
