package io.pulse.loadtest.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM spent its CPU during a recording: the methods with the most execution samples
 * anywhere on the stack ("total", which shows which stage of the pipeline is expensive) and on top
 * of it ("self", the actual hot spots). {@code jfr view hot-methods} only shows the latter.
 *
 * <pre>  java -cp ... io.pulse.loadtest.bench.JfrHotPaths recording.jfr [rows] [package-prefix...]</pre>
 *
 * With prefixes, the "total" list only shows methods of those packages (e.g. io.pulse
 * org.apache.kafka.streams org.rocksdb tools.jackson).
 */
public final class JfrHotPaths {

  private JfrHotPaths() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    List<String> prefixes = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
    Map<String, Integer> total = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    int samples = 0;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
          continue;
        }
        samples++;
        RecordedStackTrace stack = event.getStackTrace();
        String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
        threads.merge(thread == null ? "?" : thread.replaceAll("-?[0-9a-f]{8}-[0-9a-f-]{27}", "").replaceAll("\\d+", "N"), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        List<RecordedFrame> frames = stack.getFrames();
        for (int i = 0; i < frames.size(); i++) {
          String method = name(frames.get(i));
          if (i == 0) {
            self.merge(method, 1, Integer::sum);
          }
          if (seen.add(method)) {
            total.merge(method, 1, Integer::sum);
          }
        }
      }
    }
    System.out.printf("%,d execution samples in %s%n", samples, file.getFileName());
    print("by thread", threads, samples, rows, List.of());
    print("total (on the stack)", total, samples, rows, prefixes);
    print("self (top of the stack)", self, samples, rows, List.of());
  }

  private static void print(String title, Map<String, Integer> counts, int samples, int rows, List<String> prefixes) {
    System.out.printf("  -- %s%n", title);
    counts.entrySet().stream()
        .filter(e -> prefixes.isEmpty() || prefixes.stream().anyMatch(e.getKey()::startsWith))
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(rows)
        .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }
}
