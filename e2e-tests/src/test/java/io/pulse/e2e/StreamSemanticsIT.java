package io.pulse.e2e;

/** The default: at-least-once processing, made exact by dedup and the idempotent sink. */
class StreamSemanticsIT extends StreamSemanticsScenario {

  @Override
  String processingGuarantee() {
    return "at_least_once";
  }
}
