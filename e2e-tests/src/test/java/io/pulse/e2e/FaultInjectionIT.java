package io.pulse.e2e;

/**
 * The default: at-least-once. A crash replays what followed the last commit; the window values
 * recognise replayed events by their source offsets, so nothing is counted twice.
 */
class FaultInjectionIT extends FaultInjectionScenario {

  @Override
  String processingGuarantee() {
    return "at_least_once";
  }
}
