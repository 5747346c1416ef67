package io.pulse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The env-var check of ComposeServicesTest has teeth: it tells real bindings from typos and foreign settings. */
class ConfigurationBindingTest {

  @Test
  void env_vars_bind_through_application_yml_placeholders_keys_and_configuration_properties() {
    ServiceModule aggregator = ServiceModule.named("aggregator-service");
    assertThat(aggregator.bindingOf("PULSE_PROCESSING_GUARANTEE")).hasValueSatisfying(how -> assertThat(how).contains("placeholder"));
    assertThat(aggregator.bindingOf("SPRING_KAFKA_STREAMS_STATE_DIR")).hasValueSatisfying(how ->
        assertThat(how).contains("spring.kafka.streams.state-dir"));
    assertThat(aggregator.bindingOf("PULSE_CLICKHOUSE_URL")).hasValueSatisfying(how -> assertThat(how).contains("pulse.clickhouse.url"));
    assertThat(aggregator.bindingOf("PULSE_AGGREGATOR_AGGREGATIONS_0_NAME")).isPresent();
    assertThat(ServiceModule.named("ingest-service").bindingOf("PULSE_INGEST_API_KEYS")).isPresent();
    assertThat(ServiceModule.named("ingest-service").bindingOf("PULSE_INGEST_APIKEYS")).isPresent();
    assertThat(ServiceModule.named("ingest-service").bindingOf("PULSE_INGEST_LIMITS_MAX_BODY_SIZE")).isPresent();
  }

  @Test
  void typos_and_settings_of_other_services_bind_to_nothing() {
    assertThat(ServiceModule.named("ingest-service").bindingOf("PULSE_INGEST_API_KEY")).isEmpty();
    assertThat(ServiceModule.named("ingest-service").bindingOf("PULSE_CLICKHOUSE_URL")).as("ingest has no ClickHouse").isEmpty();
    assertThat(ServiceModule.named("query-api").bindingOf("SPRING_KAFKA_BOOTSTRAP_SERVERS")).as("query-api has no Kafka").isEmpty();
    assertThat(ServiceModule.named("aggregator-service").bindingOf("PULSE_CLICKHOUSE_HOST")).isEmpty();
  }

  @Test
  void relaxed_names_follow_spring_boot() {
    assertThat(RelaxedNames.environmentForms("pulse.ingest.api-keys")).containsExactlyInAnyOrder(
        "PULSE_INGEST_APIKEYS", "PULSE_INGEST_API_KEYS");
    assertThat(RelaxedNames.binds("PULSE_X_ITEMS_0_NAME", "pulse.x.items", true)).isTrue();
    assertThat(RelaxedNames.binds("PULSE_X_ITEMS_0_NAME", "pulse.x.items", false)).isFalse();
  }
}
