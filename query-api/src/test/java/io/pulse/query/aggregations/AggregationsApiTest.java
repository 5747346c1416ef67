package io.pulse.query.aggregations;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.ApiTest;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.TestData;
import io.pulse.query.leaderboard.LeaderboardParameters;
import io.pulse.query.series.SeriesParameters;
import io.pulse.query.sessions.SessionParameters;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The catalogue, the OpenAPI document and the page the query API serves. */
@ApiTest
class AggregationsApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

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
    TestData.define(clickHouse, "catalog-amend", "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[]", "entityId", "AVG",
        "AMEND", "PT2M");
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
  void listsEachAggregationsLatePolicyAndAllowedLatenessWithRecordAsTheDefault() throws Exception {
    mvc.perform(get("/v1/aggregations"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.name == 'catalog-amend')].late", contains("AMEND")))
        .andExpect(jsonPath("$[?(@.name == 'catalog-amend')].allowedLateness", contains("PT2M")))
        .andExpect(jsonPath("$[?(@.name == 'catalog-amend')].measure", contains("AVG")))
        .andExpect(jsonPath("$[?(@.name == 'catalog-hopping')].late", contains("RECORD")))
        .andExpect(jsonPath("$[?(@.name == 'catalog-hopping')].allowedLateness", contains("PT0S")));
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

  /** Each endpoint's parameter record is the one declaration: what the document lists is exactly what is accepted. */
  @Test
  void theDocumentListsEveryQueryParameterEachEndpointAcceptsAsOptionalAndDescribed() throws Exception {
    Map<String, Class<? extends Record>> endpoints = Map.of(
        "/v1/leaderboards/{aggregation}", LeaderboardParameters.class,
        "/v1/stream/leaderboards/{aggregation}", LeaderboardParameters.class,
        "/v1/aggregations/{aggregation}/series", SeriesParameters.class,
        "/v1/aggregations/{aggregation}/sessions", SessionParameters.class);
    JsonNode document = JSON.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
    for (var endpoint : endpoints.entrySet()) {
      List<JsonNode> query = new ArrayList<>();
      document.path("paths").path(endpoint.getKey()).path("get").path("parameters")
          .forEach(parameter -> {
            if (parameter.path("in").asString().equals("query")) {
              query.add(parameter);
            }
          });
      assertThat(query).as(endpoint.getKey()).extracting(parameter -> parameter.path("name").asString())
          .containsExactlyInAnyOrderElementsOf(Arrays.stream(endpoint.getValue().getRecordComponents())
              .map(RecordComponent::getName).toList());
      assertThat(query).as(endpoint.getKey()).allSatisfy(parameter -> {
        assertThat(parameter.path("required").asBoolean(false)).as(parameter.toString()).isFalse();
        assertThat(parameter.path("description").asString("")).as(parameter.toString()).isNotBlank();
      });
    }
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
