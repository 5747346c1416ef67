package io.pulse.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown page as a reader's tools see it: its links, the anchors GitHub gives its headings, and the shell
 * commands it shows (lines of bash code blocks, continuation lines joined, and inline code spans).
 */
record Markdown(Path file, List<String> lines) {

  /** A link as written, {@code [text](target)} or {@code ![alt](target)}, with the line it is on. */
  record Link(String target, int line) {}

  /** A shell command as a reader would paste it, with its line and the line of its code block's fence (0: inline). */
  record Command(String text, int line, int block) {

    boolean inline() {
      return block == 0;
    }
  }

  private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)\\s*([\\w-]*)");
  private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*])*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
  private static final Set<String> SHELL = Set.of("bash", "sh", "shell", "console", "zsh");

  static Markdown read(Path file) {
    return new Markdown(file, List.of(Repo.read(file).split("\n", -1)));
  }

  /** Links in the prose (not in code), in order. */
  List<Link> links() {
    List<Link> links = new ArrayList<>();
    forEachProseLine((number, line) -> {
      Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(span -> Matcher.quoteReplacement(
          span.group().replaceAll("[\\[\\]()]", "_"))));
      while (link.find()) {
        links.add(new Link(link.group(1), number));
      }
    });
    return links;
  }

  /** The anchors GitHub makes of the headings: lower case, punctuation dropped, spaces to '-', repeats numbered. */
  Set<String> anchors() {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    forEachProseLine((number, line) -> {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String text = heading.group(1).replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1").replace("`", "");
        String slug = text.toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        int repeat = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
      }
    });
    return anchors;
  }

  /** Lines of shell code blocks (a trailing backslash joins the next line), then every inline code span. */
  List<Command> commands() {
    List<Command> commands = new ArrayList<>();
    boolean inBlock = false;
    boolean shell = false;
    StringBuilder pending = new StringBuilder();
    int start = 0;
    int block = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher fence = FENCE.matcher(line);
      if (fence.find()) {
        shell = !inBlock && SHELL.contains(fence.group(2));
        inBlock = !inBlock;
        block = i + 1;
        continue;
      }
      if (inBlock && shell) {
        if (pending.isEmpty()) {
          start = i + 1;
        }
        String code = withoutComment(line).strip();
        if (code.endsWith("\\")) {
          pending.append(code.substring(0, code.length() - 1).strip()).append(' ');
        } else {
          pending.append(code);
          if (!pending.toString().isBlank()) {
            commands.add(new Command(pending.toString().strip(), start, block));
          }
          pending.setLength(0);
        }
      }
    }
    forEachProseLine((number, line) -> {
      Matcher span = CODE_SPAN.matcher(line);
      while (span.find()) {
        commands.add(new Command(span.group(2).strip(), number, 0));
      }
    });
    return commands;
  }

  private interface LineConsumer {
    void accept(int number, String line);
  }

  private void forEachProseLine(LineConsumer consumer) {
    boolean inBlock = false;
    for (int i = 0; i < lines.size(); i++) {
      if (FENCE.matcher(lines.get(i)).find()) {
        inBlock = !inBlock;
      } else if (!inBlock) {
        consumer.accept(i + 1, lines.get(i));
      }
    }
  }

  /** The line up to a shell comment: a '#' at the start of a word, outside quotes. */
  private static String withoutComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i).stripTrailing();
      }
    }
    return line.stripTrailing();
  }
}
