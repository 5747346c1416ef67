package io.pulse.query.aggregations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.ApiTest;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.TestData;
import io.pulse.query.TestData.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** /v1/aggregations says how far back each aggregation reaches, beside the definition fields it always listed. */
@ApiTest
class AggregationReachTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant OLDEST = Instant.parse("2025-11-03T10:00:00Z");

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired ClickHouse clickHouse;

  @Test
  void eachAggregationListsTheWindowRetentionAndItsOldestWindowStillStored() throws Exception {
    TestData.tumbling(clickHouse, "reach-clicks", "[]");
    TestData.tumbling(clickHouse, "reach-nothing-yet", "[]");
    // Windows in three months; the oldest is not the first one inserted.
    TestData.insert(clickHouse, Row.of("reach-clicks", Instant.parse("2026-01-10T08:00:00Z"), 60_000, "p1", 3, 1),
        Row.of("reach-clicks", OLDEST, 60_000, "p2", 1, 1),
        Row.of("reach-clicks", OLDEST.plus(Duration.ofDays(40)), 60_000, "p1", 2, 1));

    // The listing is shared for catalog-refresh (5 s): another class may have read it just before the rows were written.
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      JsonNode clicks = listed("reach-clicks");
      assertThat(clicks.path("retention").asString()).as("pulse.retention.window-aggregates, default 90 days").isEqualTo("P90D");
      assertThat(clicks.path("oldestWindowStart").asString()).isEqualTo("2025-11-03T10:00:00Z");
    });
    JsonNode nothingYet = listed("reach-nothing-yet");
    assertThat(nothingYet.path("retention").asString()).isEqualTo("P90D");
    assertThat(nothingYet.has("oldestWindowStart")).isTrue();
    assertThat(nothingYet.get("oldestWindowStart").isNull()).as("no window stored yet").isTrue();
  }

  @Test
  void theDefinitionFieldsStayWhereTheyWere() throws Exception {
    TestData.tumbling(clickHouse, "reach-fields", "[\"country\"]");

    JsonNode listed = listed("reach-fields");

    assertThat(listed.path("window").path("type").asString()).isEqualTo("TUMBLING");
    assertThat(listed.path("window").path("size").asString()).isEqualTo("PT1M");
    assertThat(listed.path("grace").asString()).isEqualTo("PT30S");
    assertThat(listed.path("groupBy").asString()).isEqualTo("entityId");
    assertThat(listed.path("facets").get(0).asString()).isEqualTo("country");
    assertThat(listed.has("definition")).as("the definition is unwrapped, not nested").isFalse();
  }

  @Test
  void theOpenApiDocumentDescribesTheListingWithTheReachBesideTheDefinitionFields() throws Exception {
    JsonNode document = JSON.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
    String reference = document.at("/paths/~1v1~1aggregations/get/responses/200/content").values().iterator().next()
        .at("/schema/items/$ref").asString();
    JsonNode listing = document.at("/components/schemas/" + reference.substring(reference.lastIndexOf('/') + 1));

    List<String> properties = new ArrayList<>();
    listing.path("properties").propertyNames().forEach(properties::add);
    assertThat(properties).contains("name", "window", "grace", "measure", "late", "retention", "oldestWindowStart")
        .doesNotContain("definition");
    assertThat(listing.at("/properties/retention/description").asString()).contains("P90D");
  }

  private JsonNode listed(String aggregation) throws Exception {
    JsonNode all = JSON.readTree(mvc.perform(get("/v1/aggregations")).andReturn().getResponse().getContentAsString());
    for (JsonNode listed : all) {
      if (listed.path("name").asString().equals(aggregation)) {
        return listed;
      }
    }
    throw new AssertionError(aggregation + " not listed in " + all);
  }
}
