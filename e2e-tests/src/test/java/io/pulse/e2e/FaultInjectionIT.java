package io.pulse.e2e;

import java.util.Map;

/**
 * The default: at-least-once. A crash replays what followed the last commit; the window values
 * recognise replayed events by their source offsets, so nothing is counted twice.
 */
class FaultInjectionIT extends FaultInjectionScenario {

  @Override
  String processingGuarantee() {
    return "at_least_once";
  }

  /**
   * Commits every 5 s instead of 200 ms, so the kill lands on seconds of processed, uncommitted
   * records whose state changes already reached the changelogs: the replay at-least-once has to
   * survive. With 200 ms the hazard is real but rarely hit, and a test of it would rarely fail.
   */
  @Override
  Map<String, String> aggregatorEnv() {
    return Map.of("SPRING_APPLICATION_JSON", "{\"spring.kafka.streams.properties.commit.interval.ms\": 5000}");
  }
}
