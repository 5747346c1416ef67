package io.pulse.deployment;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Spring Boot's relaxed binding from environment variables: {@code pulse.ingest.api-keys} is set by
 * {@code PULSE_INGEST_APIKEYS} and by the legacy form {@code PULSE_INGEST_API_KEYS}; list elements and map entries
 * below a property add more {@code _SEGMENTS}.
 */
final class RelaxedNames {

  private RelaxedNames() {}

  static Set<String> environmentForms(String property) {
    String[] parts = property.split("\\.");
    return new LinkedHashSet<>(List.of(join(parts, "-", ""), join(parts, "-", "_")));
  }

  /** Whether the variable sets the property (or, for a list/map/nested-object property, something below it). */
  static boolean binds(String variable, String property, boolean container) {
    for (String form : environmentForms(property)) {
      if (variable.equals(form) || (container && variable.startsWith(form + "_"))) {
        return true;
      }
    }
    return false;
  }

  private static String join(String[] parts, String dash, String replacement) {
    return Arrays.stream(parts).map(p -> p.replace(dash, replacement).toUpperCase()).collect(Collectors.joining("_"));
  }
}
