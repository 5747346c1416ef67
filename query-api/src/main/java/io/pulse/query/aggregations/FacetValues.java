package io.pulse.query.aggregations;

/**
 * The facet filters a request gives (each null when absent); {@link FacetFilters} checks them
 * against the aggregation. The parameter records of the endpoints that filter implement this.
 */
public interface FacetValues {

  String TYPE = "event type, when the aggregation is split by type";
  String COUNTRY = "country, when split by country";
  String PLAN = "plan, when split by plan";

  String type();

  String country();

  String plan();

  default String value(String facet) {
    return switch (facet) {
      case "type" -> type();
      case "country" -> country();
      case "plan" -> plan();
      default -> throw new IllegalArgumentException("not a facet: " + facet);
    };
  }
}
