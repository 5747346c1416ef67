package io.pulse.deployment;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/** The start order docker compose derives from depends_on conditions. */
final class StartOrder {

  private StartOrder() {}

  /**
   * Whether {@code service} starts only after {@code target} is healthy: directly (service_healthy), or through a
   * chain of service_healthy / service_completed_successfully dependencies that ends there.
   */
  static boolean waitsFor(ComposeFile compose, String service, String target) {
    Deque<String> pending = new ArrayDeque<>(Set.of(service));
    Set<String> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      String current = pending.pop();
      if (!seen.add(current)) {
        continue;
      }
      for (var dependency : compose.service(current).dependsOn().entrySet()) {
        String condition = dependency.getValue();
        if (dependency.getKey().equals(target) && condition.equals("service_healthy")) {
          return true;
        }
        if (condition.equals("service_healthy") || condition.equals("service_completed_successfully")) {
          pending.push(dependency.getKey());
        }
      }
    }
    return false;
  }
}
