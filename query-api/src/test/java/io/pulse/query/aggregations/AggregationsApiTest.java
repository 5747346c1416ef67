package io.pulse.query.aggregations;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The catalogue, the OpenAPI document and the page the query API serves. */
@SpringBootTest
@AutoConfigureMockMvc
class AggregationsApiTest {

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired ClickHouse clickHouse;

  @BeforeEach
  void definitions() {
    TestData.define(clickHouse, "catalog-hopping", "{\"type\":\"HOPPING\",\"size\":\"PT5M\",\"advance\":\"PT1M\"}",
        "[\"country\",\"plan\"]", "entityId", "SUM");
  }

  @Test
  void listsEachDeclaredAggregationWithItsWindowDimensionAndMeasure() throws Exception {
    mvc.perform(get("/v1/aggregations"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.name == 'catalog-hopping')].window.type", hasItem("HOPPING")))
        .andExpect(jsonPath("$[?(@.name == 'catalog-hopping')].window.size", hasItem("PT5M")))
        .andExpect(jsonPath("$[?(@.name == 'catalog-hopping')].window.advance", hasItem("PT1M")))
        .andExpect(jsonPath("$[?(@.name == 'catalog-hopping')].grace", hasItem("PT30S")))
        .andExpect(jsonPath("$[?(@.name == 'catalog-hopping')].groupBy", hasItem("entityId")))
        .andExpect(jsonPath("$[?(@.name == 'catalog-hopping')].measure", hasItem("SUM")));
  }

  @Test
  void theOpenApiDocumentDescribesEveryEndpoint() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/v1/aggregations']").exists())
        .andExpect(jsonPath("$.paths['/v1/leaderboards/{aggregation}'].get.parameters[?(@.name == 'window')]").exists())
        .andExpect(jsonPath("$.paths['/v1/aggregations/{aggregation}/series']").exists())
        .andExpect(jsonPath("$.paths['/v1/aggregations/{aggregation}/sessions']").exists())
        .andExpect(jsonPath("$.paths['/v1/stream/leaderboards/{aggregation}']").exists());
    mvc.perform(get("/swagger-ui/index.html"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("swagger-ui")));
  }

  @Test
  void servesTheLeaderboardPageAndItsChartLibraryLocally() throws Exception {
    mvc.perform(get("/index.html"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Pulse")));
    mvc.perform(get("/webjars/uplot/dist/uPlot.esm.js"))
        .andExpect(status().isOk());
    mvc.perform(get("/webjars/uplot/dist/uPlot.min.css"))
        .andExpect(status().isOk());
    mvc.perform(get("/api.js"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("EventSource")));
  }

  @Test
  void aggregationsAreServedAsJson() throws Exception {
    mvc.perform(get("/v1/aggregations"))
        .andExpect(jsonPath("$[0].name").exists())
        .andExpect(jsonPath("$.length()", is(org.hamcrest.Matchers.greaterThanOrEqualTo(1))));
  }
}
