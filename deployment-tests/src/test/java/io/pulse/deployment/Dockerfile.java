package io.pulse.deployment;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way BuildKit reads it: continuation lines joined, comments dropped, one {@link Stage} per
 * {@code FROM}, and each instruction's leading {@code --flags} (COPY --from, RUN --mount) apart from its arguments.
 */
final class Dockerfile {

  /** One instruction; {@code arguments} is the text after the flags, split on whitespace (JSON forms stay raw). */
  record Instruction(String keyword, Map<String, String> flags, String text, List<String> arguments) {

    /** COPY/ADD: the sources (every argument but the last); empty for other instructions. */
    List<String> sources() {
      return isCopy() && arguments.size() > 1 ? arguments.subList(0, arguments.size() - 1) : List.of();
    }

    String destination() {
      return arguments.getLast();
    }

    boolean isCopy() {
      return keyword.equals("COPY") || keyword.equals("ADD");
    }

    /** COPY/ADD whose sources are read from the build context (no --from). */
    boolean copiesFromContext() {
      return isCopy() && !flags.containsKey("from");
    }
  }

  /** A build stage: {@code FROM base [AS name]} and what follows up to the next FROM. */
  record Stage(String name, String base, List<Instruction> instructions) {

    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Optional<Instruction> last(String keyword) {
      List<Instruction> matching = all(keyword);
      return matching.isEmpty() ? Optional.empty() : Optional.of(matching.getLast());
    }
  }

  private static final Pattern FLAG = Pattern.compile("^--([a-z-]+)(?:=(\\S*))?\\s*");
  private static final Pattern FROM = Pattern.compile("(?i)^(\\S+)(?:\\s+AS\\s+(\\S+))?$");

  private final Path file;
  private final List<Stage> stages;

  private Dockerfile(Path file, List<Stage> stages) {
    this.file = file;
    this.stages = stages;
  }

  static Dockerfile parse(Path file) {
    List<Stage> stages = new ArrayList<>();
    String name = null;
    String base = null;
    List<Instruction> instructions = new ArrayList<>();
    for (String line : logicalLines(Repo.read(file))) {
      Instruction instruction = instruction(line);
      if (instruction.keyword().equals("FROM")) {
        if (base != null) {
          stages.add(new Stage(name, base, List.copyOf(instructions)));
        }
        Matcher from = FROM.matcher(instruction.text());
        if (!from.matches()) {
          throw new IllegalStateException(file + ": cannot read '" + line + "'");
        }
        base = from.group(1);
        name = from.group(2) == null ? String.valueOf(stages.size()) : from.group(2);
        instructions.clear();
      } else if (base != null) {
        instructions.add(instruction);
      }
    }
    if (base != null) {
      stages.add(new Stage(name, base, List.copyOf(instructions)));
    }
    return new Dockerfile(file, List.copyOf(stages));
  }

  Path file() {
    return file;
  }

  List<Stage> stages() {
    return stages;
  }

  Optional<Stage> stage(String name) {
    return stages.stream().filter(stage -> stage.name().equals(name)).findFirst();
  }

  /** The stage {@code docker build --target} builds: the named one, or the last without a target. */
  Stage target(Optional<String> target) {
    return target.map(name -> stage(name).orElseThrow(() -> new AssertionError(file + " has no stage " + name)))
        .orElse(stages.getLast());
  }

  /** The stage and every stage it needs: the stages it is FROM, and those it copies or mounts from, transitively. */
  List<Stage> needed(Stage target) {
    Set<Stage> needed = new LinkedHashSet<>();
    Deque<Stage> pending = new ArrayDeque<>(List.of(target));
    while (!pending.isEmpty()) {
      Stage stage = pending.pop();
      if (!needed.add(stage)) {
        continue;
      }
      stage(stage.base()).ifPresent(pending::add);
      for (Instruction instruction : stage.instructions()) {
        Optional.ofNullable(instruction.flags().get("from")).flatMap(this::stage).ifPresent(pending::add);
        Optional.ofNullable(instruction.flags().get("mount")).flatMap(Dockerfile::mountedStage).flatMap(this::stage)
            .ifPresent(pending::add);
      }
    }
    return List.copyOf(needed);
  }

  /** The image a stage finally runs on, following FROM through the file's own stages. */
  String baseImage(Stage stage) {
    return lineage(stage).getFirst().base();
  }

  /** The last instruction of a kind in effect for a stage (USER, ENTRYPOINT, ...), inherited through FROM. */
  Optional<Instruction> inEffect(Stage stage, String keyword) {
    return lineage(stage).reversed().stream().flatMap(s -> s.last(keyword).stream()).findFirst();
  }

  /** The stage and the stages it is FROM, oldest first. */
  private List<Stage> lineage(Stage stage) {
    List<Stage> lineage = new ArrayList<>(List.of(stage));
    for (Optional<Stage> parent = stage(stage.base()); parent.isPresent(); parent = stage(parent.get().base())) {
      lineage.addFirst(parent.get());
    }
    return lineage;
  }

  /** Instructions joined across continuation lines; comment lines and parser directives dropped. */
  private static List<String> logicalLines(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      if (!current.toString().isBlank()) {
        lines.add(current.toString().strip());
      }
      current.setLength(0);
    }
    return lines;
  }

  private static Instruction instruction(String line) {
    String[] parts = line.split("\\s+", 2);
    String keyword = parts[0].toUpperCase();
    String rest = parts.length > 1 ? parts[1] : "";
    Map<String, String> flags = new LinkedHashMap<>();
    Matcher flag = FLAG.matcher(rest);
    while (flag.find()) {
      flags.put(flag.group(1), flag.group(2) == null ? "" : flag.group(2));
      rest = rest.substring(flag.end());
      flag = FLAG.matcher(rest);
    }
    List<String> arguments = rest.startsWith("[") ? List.of(rest) : List.of(rest.split("\\s+"));
    return new Instruction(keyword, flags, rest, arguments);
  }

  /** {@code type=cache,from=stage,...}: the stage a RUN --mount reads from, if any. */
  private static Optional<String> mountedStage(String mount) {
    for (String option : mount.split(",")) {
      if (option.startsWith("from=")) {
        return Optional.of(option.substring("from=".length()));
      }
    }
    return Optional.empty();
  }
}
