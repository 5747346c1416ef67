package io.pulse.deployment;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. A small lexer, not a parser: it skips strings, label matchers,
 * range and subquery brackets, numbers and durations, Grafana variables, functions (a name followed by
 * {@code (}), aggregation operators, keywords and the label lists after by/without/on/ignoring/group_left/
 * group_right. What is left are metric names, including {@code {__name__="..."}} selectors.
 */
public final class PromQl {

  private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
      "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
  private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> KEYWORDS = Set.of("offset", "bool", "and", "or", "unless", "atan2", "inf", "nan");
  private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");

  private PromQl() {}

  public static Set<String> metricNames(String expression) {
    Set<String> names = new LinkedHashSet<>();
    String expr = expression;
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(expr, i);
      } else if (c == '{') {
        int end = skipBlock(expr, i, '{', '}');
        Matcher name = NAME_MATCHER.matcher(expr.substring(i, end));
        if (name.find()) {
          names.add(name.group(1));
        }
        i = end;
      } else if (c == '[') {
        i = skipBlock(expr, i, '[', ']');
      } else if (c == '$') {
        i = skipVariable(expr, i);
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < expr.length() && Character.isDigit(expr.charAt(i + 1)))) {
        while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.'
            || expr.charAt(i) == '_' || ((expr.charAt(i) == '+' || expr.charAt(i) == '-') && isExponent(expr, i)))) {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_' || expr.charAt(i) == ':')) {
          i++;
        }
        String word = expr.substring(start, i);
        int next = skipSpace(expr, i);
        boolean call = next < expr.length() && expr.charAt(next) == '(';
        String lower = word.toLowerCase();
        if (LABEL_LIST_KEYWORDS.contains(lower)) {
          i = call ? skipBlock(expr, next, '(', ')') : i;
        } else if (!call && !AGGREGATIONS.contains(lower) && !KEYWORDS.contains(lower)) {
          names.add(word);
        }
      } else {
        i++;
      }
    }
    return names;
  }

  private static boolean isExponent(String expr, int i) {
    char previous = Character.toLowerCase(expr.charAt(i - 1));
    return previous == 'e' && i >= 2 && Character.isDigit(expr.charAt(i - 2));
  }

  private static int skipSpace(String expr, int i) {
    while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipString(String expr, int start) {
    char quote = expr.charAt(start);
    int i = start + 1;
    while (i < expr.length() && expr.charAt(i) != quote) {
      i += expr.charAt(i) == '\\' && quote != '`' ? 2 : 1;
    }
    return Math.min(i + 1, expr.length());
  }

  /** Index just after the bracket closing the one at start; strings inside are honoured. */
  private static int skipBlock(String expr, int start, char open, char close) {
    int depth = 0;
    int i = start;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(expr, i);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("unbalanced '" + open + "' in: " + expr);
  }

  /** Grafana variables: $name, ${name}, ${name:format}, [[name]] is handled as a bracket block. */
  private static int skipVariable(String expr, int start) {
    int i = start + 1;
    if (i < expr.length() && expr.charAt(i) == '{') {
      return skipBlock(expr, i, '{', '}');
    }
    while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_')) {
      i++;
    }
    return i;
  }
}
