package io.pulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

  @Test
  void defaultsAreAModestDemoWithThreeQuartersOfAnHourOfHistory() {
    DemoOptions options = DemoOptions.parse(List.of(), Map.of("PULSE_DEMO_API_KEY", "k"));
    assertThat(options.ingestUrl()).isEqualTo(URI.create("http://127.0.0.1:8081"));
    assertThat(options.rate()).isEqualTo(200);
    assertThat(options.history()).isEqualTo(Duration.ofMinutes(45));
    assertThat(options.catchUp()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.kafka()).isEmpty();
  }

  @Test
  void flagsWinOverEnvironmentVariables() {
    DemoOptions options = DemoOptions.parse(List.of("--rate", "50", "--history", "0", "--seed", "42"),
        Map.of("PULSE_DEMO_RATE", "500", "PULSE_DEMO_API_KEY", "a, b", "PULSE_DEMO_KAFKA", "kafka:19092",
            "PULSE_DEMO_INGEST_URL", "http://ingest-service:8081/", "PULSE_INGEST_API_KEYS", "ignored"));
    assertThat(options.rate()).isEqualTo(50);
    assertThat(options.history()).isZero();
    assertThat(options.seed()).isEqualTo(42);
    assertThat(options.apiKey()).as("the first of a comma-separated key list, as ingest reads it").isEqualTo("a");
    assertThat(options.kafka()).isEqualTo(Optional.of("kafka:19092"));
    assertThat(options.ingestUrl()).isEqualTo(URI.create("http://ingest-service:8081"));
  }

  @Test
  void aTypoFailsInsteadOfBeingIgnored() {
    assertThatThrownBy(() -> DemoOptions.parse(List.of(), Map.of("PULSE_DEMO_API_KEY", "k", "PULSE_DEMO_RATES", "5")))
        .hasMessageContaining("PULSE_DEMO_RATES").hasMessageContaining("--rate");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--rates", "5"), Map.of("PULSE_DEMO_API_KEY", "k")))
        .hasMessageContaining("--rates");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--history", "soon"), Map.of("PULSE_DEMO_API_KEY", "k")))
        .hasMessageContaining("soon");
    assertThatThrownBy(() -> DemoOptions.parse(List.of(), Map.of())).hasMessageContaining("API key");
  }

  @Test
  void durationsReadTheWayPeopleWriteThem() {
    assertThat(DemoOptions.duration("45m")).isEqualTo(Duration.ofMinutes(45));
    assertThat(DemoOptions.duration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DemoOptions.duration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DemoOptions.duration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DemoOptions.duration("PT2M")).isEqualTo(Duration.ofMinutes(2));
  }
}
