package io.pulse.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compose's variable interpolation ({@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}},
 * {@code ${VAR:?error}}, {@code ${VAR:+alt}}, {@code $$}), applied to every string value. The tests resolve
 * against a fixed environment (normally empty), so they check what {@code docker compose up} does by default.
 */
final class ComposeInterpolation {

  private final Map<String, String> environment;

  ComposeInterpolation(Map<String, String> environment) {
    this.environment = environment;
  }

  @SuppressWarnings("unchecked")
  Object apply(Object node) {
    if (node instanceof String text) {
      return interpolate(text);
    }
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((key, value) -> copy.put(key, apply(value)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(apply(item)));
      return copy;
    }
    return node;
  }

  String interpolate(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (c == '$' && next == '$') {
        out.append('$');
        i += 2;
      } else if (c == '$' && next == '{') {
        int end = closingBrace(text, i + 2);
        out.append(resolve(text.substring(i + 2, end)));
        i = end + 1;
      } else if (c == '$' && (Character.isLetter(next) || next == '_')) {
        int end = i + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
          end++;
        }
        out.append(environment.getOrDefault(text.substring(i + 1, end), ""));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private String resolve(String expression) {
    int nameEnd = 0;
    while (nameEnd < expression.length()
        && (Character.isLetterOrDigit(expression.charAt(nameEnd)) || expression.charAt(nameEnd) == '_')) {
      nameEnd++;
    }
    String name = expression.substring(0, nameEnd);
    String rest = expression.substring(nameEnd);
    String value = environment.get(name);
    boolean set = value != null;
    boolean nonEmpty = set && !value.isEmpty();
    if (rest.isEmpty()) {
      return set ? value : "";
    }
    if (rest.startsWith(":-")) {
      return nonEmpty ? value : interpolate(rest.substring(2));
    }
    if (rest.startsWith("-")) {
      return set ? value : interpolate(rest.substring(1));
    }
    if (rest.startsWith(":?") || rest.startsWith("?")) {
      if (rest.startsWith(":?") ? !nonEmpty : !set) {
        throw new IllegalStateException("required variable " + name + " is not set: " + rest.substring(rest.indexOf('?') + 1));
      }
      return value;
    }
    if (rest.startsWith(":+")) {
      return nonEmpty ? interpolate(rest.substring(2)) : "";
    }
    if (rest.startsWith("+")) {
      return set ? interpolate(rest.substring(1)) : "";
    }
    throw new IllegalStateException("unsupported interpolation ${" + expression + "}");
  }

  private static int closingBrace(String text, int from) {
    int depth = 1;
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) == '{') {
        depth++;
      } else if (text.charAt(i) == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("unclosed ${ in: " + text);
  }
}
