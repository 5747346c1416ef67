package io.pulse.query.aggregations;

import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.ApiTest;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.TestData;
import io.pulse.query.TestData.Row;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** GET /v1/aggregations/{name}/facets: the values of each declared facet, for the page's selectors. */
@ApiTest
class FacetChoicesApiTest {

  private static final Instant NEWEST = Instant.parse("2026-05-04T18:42:00Z");
  private static final long MINUTE = 60_000;

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired ClickHouse clickHouse;

  @Test
  void listsEachDeclaredFacetsValuesOfTheLastDayMostRowsFirstWithoutEmptyOnes() throws Exception {
    String agg = "facet-choices";
    TestData.define(clickHouse, agg, "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[\"type\",\"country\"]", "entityId",
        "COUNT");
    TestData.insert(clickHouse,
        Row.of(agg, NEWEST, MINUTE, "a", 1, 1).withCountry("US").withType("click"),
        Row.of(agg, NEWEST, MINUTE, "b", 1, 1).withCountry("DE").withType("click"),
        Row.of(agg, NEWEST.minusSeconds(60), MINUTE, "a", 1, 1).withCountry("DE").withType("view"),
        Row.of(agg, NEWEST.minusSeconds(120), MINUTE, "a", 1, 1).withType("view"),        // no country: left out
        Row.of(agg, NEWEST.minusSeconds(2 * 86_400), MINUTE, "a", 1, 1).withCountry("FR"));   // older than a day

    mvc.perform(get("/v1/aggregations/" + agg + "/facets"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.aggregation", is(agg)))
        .andExpect(jsonPath("$.facets.country", contains("DE", "US")))
        .andExpect(jsonPath("$.facets.type", contains("click", "view")))
        .andExpect(jsonPath("$.facets.plan").doesNotExist());
  }

  @Test
  void anAggregationWithoutFacetsHasNoneAndAnUnknownOneIsABadRequest() throws Exception {
    TestData.tumbling(clickHouse, "facet-choices-none", "[]");
    mvc.perform(get("/v1/aggregations/facet-choices-none/facets"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.facets", anEmptyMap()));
    mvc.perform(get("/v1/aggregations/no-such-aggregation/facets")).andExpect(status().isBadRequest());
  }
}
