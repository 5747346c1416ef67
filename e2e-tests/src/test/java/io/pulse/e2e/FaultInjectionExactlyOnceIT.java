package io.pulse.e2e;

/** The same faults with Kafka transactions (exactly_once_v2): the switch must be exact too. */
class FaultInjectionExactlyOnceIT extends FaultInjectionScenario {

  @Override
  String processingGuarantee() {
    return "exactly_once_v2";
  }
}
