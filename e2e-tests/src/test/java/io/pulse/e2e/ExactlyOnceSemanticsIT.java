package io.pulse.e2e;

/** The same scenario with Kafka transactions: the switch must not change a single result. */
class ExactlyOnceSemanticsIT extends StreamSemanticsScenario {

  @Override
  String processingGuarantee() {
    return "exactly_once_v2";
  }
}
