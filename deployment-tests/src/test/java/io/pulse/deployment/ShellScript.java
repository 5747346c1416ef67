package io.pulse.deployment;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A shell script of the repository and the {@code --options} it accepts, read from its own argument parsing. */
record ShellScript(Path file, Set<String> options, boolean forwardsArguments) {

  private static final Pattern CASE = Pattern.compile("(?s)\\bcase\\s.*?\\bin\\b(.*?)\\besac\\b");
  private static final Pattern LABEL = Pattern.compile("(?m)^\\s*\\(?([^()\\n]*)\\)");
  private static final Pattern OPTION = Pattern.compile("--[A-Za-z0-9][\\w-]*");
  /** "$@" handed to a command (./mvnw ... "$@"), not merely looped over or counted. */
  private static final Pattern FORWARDS = Pattern.compile("(?m)^(?!\\s*for\\b)[^#\\n]*\\S\\s+\"\\$@\"");

  /**
   * Options are the {@code --x} patterns of the script's {@code case} labels ({@code --rate) RATE=$2 ;;},
   * {@code -h|--help)}); a script that parses none but passes {@code "$@"} on to a command (run-tests.sh to Maven)
   * accepts whatever that command does.
   */
  static ShellScript read(Path file) {
    String text = Repo.read(file);
    Set<String> options = new TreeSet<>();
    Matcher block = CASE.matcher(text);
    while (block.find()) {
      Matcher label = LABEL.matcher(block.group(1));
      while (label.find()) {
        Matcher option = OPTION.matcher(label.group(1));
        while (option.find()) {
          options.add(option.group());
        }
      }
    }
    return new ShellScript(file, options, FORWARDS.matcher(text).find());
  }

  boolean accepts(String option) {
    return options.isEmpty() ? forwardsArguments : options.contains(option);
  }
}
