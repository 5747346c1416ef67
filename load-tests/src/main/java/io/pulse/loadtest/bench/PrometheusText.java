package io.pulse.loadtest.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** One scrape of a Prometheus text endpoint, with the few reads the benchmark needs. */
final class PrometheusText {

  record Sample(String name, Map<String, String> labels, double value) {}

  static final PrometheusText EMPTY = new PrometheusText(List.of());

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String name;
      Map<String, String> labels = new LinkedHashMap<>();
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        parseLabels(line.substring(brace + 1, line.lastIndexOf('}')), labels);
      } else {
        name = line.substring(0, line.indexOf(' '));
      }
      try {
        samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1).trim())));
      } catch (NumberFormatException e) {
        // a timestamp column or an unusual value: not one of ours
      }
    }
    return new PrometheusText(samples);
  }

  private static void parseLabels(String text, Map<String, String> labels) {
    int i = 0;
    while (i < text.length()) {
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        return;
      }
      String key = text.substring(i, eq).trim();
      int start = text.indexOf('"', eq) + 1;
      StringBuilder value = new StringBuilder();
      int j = start;
      while (j < text.length() && text.charAt(j) != '"') {
        if (text.charAt(j) == '\\' && j + 1 < text.length()) {
          j++;
        }
        value.append(text.charAt(j++));
      }
      labels.put(key, value.toString());
      i = text.indexOf(',', j);
      if (i < 0) {
        return;
      }
      i++;
    }
  }

  /** Sum of every series of {@code name} whose labels pass {@code filter}. */
  double sum(String name, Predicate<Map<String, String>> filter) {
    return samples.stream().filter(s -> s.name().equals(name) && filter.test(s.labels())).mapToDouble(Sample::value).sum();
  }

  double sum(String name) {
    return sum(name, labels -> true);
  }

  /** Cumulative bucket counts by upper bound, summed over the series that pass {@code filter}. */
  TreeMap<Double, Double> buckets(String histogram, Predicate<Map<String, String>> filter) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (Sample s : samples) {
      if (s.name().equals(histogram + "_bucket") && filter.test(s.labels())) {
        String le = s.labels().get("le");
        double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        buckets.merge(bound, s.value(), Double::sum);
      }
    }
    return buckets;
  }

  /** The distinct values of one label among the series of {@code name}. */
  List<String> labelValues(String name, String label) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().containsKey(label))
        .map(s -> s.labels().get(label)).distinct().sorted().toList();
  }

  /** Bucket counts of {@code after} minus {@code before}: the observations made between the scrapes. */
  static TreeMap<Double, Double> delta(TreeMap<Double, Double> before, TreeMap<Double, Double> after) {
    TreeMap<Double, Double> delta = new TreeMap<>();
    after.forEach((bound, count) -> delta.put(bound, count - before.getOrDefault(bound, 0.0)));
    return delta;
  }

  /**
   * The q-quantile of cumulative buckets, interpolated linearly inside the bucket that holds it
   * (as Prometheus' histogram_quantile does); NaN without observations.
   */
  static double quantile(TreeMap<Double, Double> cumulative, double q) {
    if (cumulative.isEmpty()) {
      return Double.NaN;
    }
    double total = cumulative.lastEntry().getValue();
    if (total <= 0) {
      return Double.NaN;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= rank) {
        if (bucket.getKey().isInfinite()) {
          return lowerBound;
        }
        double inBucket = bucket.getValue() - lowerCount;
        return inBucket <= 0 ? bucket.getKey()
            : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = bucket.getKey();
      lowerCount = bucket.getValue();
    }
    return lowerBound;
  }

  static double count(TreeMap<Double, Double> cumulative) {
    return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
  }
}
