package io.pulse.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The .dockerignore of a build context, matched as Docker matches it: the last matching pattern wins, {@code !}
 * re-includes, a pattern that matches a folder excludes everything under it, {@code **} spans any number of folders
 * and {@code *} stays within one.
 */
final class DockerIgnore {

  private record Rule(Pattern pattern, boolean exclude) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /** The context's .dockerignore; a context without one ignores nothing. */
  static DockerIgnore of(Path context) {
    Path file = context.resolve(".dockerignore");
    List<Rule> rules = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      for (String raw : Repo.read(file).split("\n")) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        boolean exclude = !line.startsWith("!");
        String pattern = (exclude ? line : line.substring(1)).strip().replaceFirst("^/+", "").replaceFirst("/+$", "");
        rules.add(new Rule(Pattern.compile(regex(pattern)), exclude));
      }
    }
    return new DockerIgnore(rules);
  }

  /** Whether a context-relative path ('/'-separated) stays out of the build context. */
  boolean excludes(String path) {
    boolean excluded = false;
    for (Rule rule : rules) {
      if (matchesOrParentMatches(rule.pattern(), path)) {
        excluded = rule.exclude();
      }
    }
    return excluded;
  }

  private static boolean matchesOrParentMatches(Pattern pattern, String path) {
    for (String prefix = path; !prefix.isEmpty(); prefix = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "") {
      if (pattern.matcher(prefix).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String regex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (glob.startsWith("**/", i)) {
        regex.append("(?:.*/)?");
        i += 2;
      } else if (glob.startsWith("**", i)) {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
