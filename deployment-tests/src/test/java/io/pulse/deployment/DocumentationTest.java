package io.pulse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README stays a front door (short, every link and command working as written) and docs/ stays linked: a
 * moved file, a renamed heading or a script option that no longer exists fails here, not in a reader's shell.
 */
class DocumentationTest {

  private static final int README_MAX_LINES = 200;
  /** A repository script as a command names it: run-local.sh, ./run-tests.sh, scripts/bench.sh (not /opt/x.sh). */
  private static final Pattern SCRIPT = Pattern.compile("(?<![\\w./$-])((?:\\./)?(?:[\\w.-]+/)*[\\w-]+\\.sh)(?![\\w.-])");
  /** What ends a script's arguments: the next command of a list or pipe, a closing $( ), a comment. */
  private static final Pattern ARGUMENTS_END = Pattern.compile("[;&|)#`]");
  private static final Pattern OPTION = Pattern.compile("^--[A-Za-z0-9][\\w-]*");
  private static final Pattern JDK_FROM_SCRIPT = Pattern.compile("JAVA_HOME=\"?\\$\\((?:\\./)?scripts/find-jdk\\.sh[^)]*\\)");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  static Stream<Path> pages() {
    List<Path> pages = new ArrayList<>(List.of(Repo.path("README.md")));
    pages.addAll(Repo.list(Repo.path("docs"), "*.md"));
    return pages.stream();
  }

  @Test
  void readme_is_at_most_200_lines() {
    assertThat(Repo.read(Repo.path("README.md")).lines().count())
        .as("lines of README.md, the front door: details belong in docs/ (concepts, reliability, operations, benchmark)")
        .isLessThanOrEqualTo(README_MAX_LINES);
  }

  @Test
  void readme_links_every_page_of_docs() {
    Set<String> linked = new HashSet<>();
    Markdown.read(Repo.path("README.md")).links().forEach(link -> linked.add(link.target().replaceFirst("#.*", "")));
    assertThat(Repo.list(Repo.path("docs"), "*.md")).extracting(page -> "docs/" + page.getFileName())
        .as("pages of docs/ a README reader cannot reach").allMatch(linked::contains);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void every_relative_link_resolves_to_a_file_of_the_repository_and_its_anchor_to_a_heading(Path page) {
    Markdown markdown = Markdown.read(page);
    Set<String> files = Repo.unignoredFiles();
    List<String> broken = new ArrayList<>();
    for (Markdown.Link link : markdown.links()) {
      String target = link.target();
      if (SCHEME.matcher(target).find()) {
        continue;
      }
      String path = target.replaceFirst("#.*", "");
      String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
      Path resolved = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
      String relative = Repo.root().relativize(resolved).toString().replace('\\', '/');
      boolean fileOrFolder = files.contains(relative) || files.stream().anyMatch(file -> file.startsWith(relative + "/"));
      if (!resolved.startsWith(Repo.root()) || !fileOrFolder) {
        broken.add(page.getFileName() + ":" + link.line() + " " + target + " (no such file in the repository)");
      } else if (anchor != null && relative.endsWith(".md")) {
        Set<String> anchors = Markdown.read(resolved).anchors();
        if (!anchors.contains(anchor)) {
          broken.add(page.getFileName() + ":" + link.line() + " " + target + " (no such heading; headings give " + anchors + ")");
        }
      }
    }
    assertThat(broken).as("links of %s", Repo.root().relativize(page)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void every_script_a_command_calls_exists_and_accepts_the_options_it_is_given(Path page) {
    List<String> wrong = new ArrayList<>();
    for (Markdown.Command command : Markdown.read(page).commands()) {
      Matcher script = SCRIPT.matcher(command.text());
      while (script.find()) {
        String name = script.group(1).replaceFirst("^\\./", "");
        Path file = Repo.path(name);
        if (!Files.isRegularFile(file)) {
          wrong.add(page.getFileName() + ":" + command.line() + " `" + command.text() + "`: no script " + name);
          continue;
        }
        ShellScript parsed = ShellScript.read(file);
        for (String argument : arguments(command.text().substring(script.end()))) {
          Matcher option = OPTION.matcher(argument);
          if (option.find() && !parsed.accepts(option.group())) {
            wrong.add(page.getFileName() + ":" + command.line() + " `" + command.text() + "`: " + name + " has no option "
                + option.group() + " (it accepts " + parsed.options() + ")");
          }
        }
      }
    }
    assertThat(wrong).as("commands of %s", Repo.root().relativize(page)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void commands_that_need_jdk_21_find_it_with_find_jdk_sh_since_the_default_java_may_be_older(Path page) {
    List<String> wrong = new ArrayList<>();
    int block = 0;
    boolean exported = false;
    for (Markdown.Command command : Markdown.read(page).commands()) {
      if (command.inline() && !command.text().contains(" ")) {
        continue;  // a word in the prose (`java`, `./mvnw`), not a command line
      }
      exported = !command.inline() && (exported && command.block() == block
          || command.text().matches("export\\s+" + JDK_FROM_SCRIPT.pattern() + ".*"));
      block = command.block();
      for (String segment : command.text().split("&&|\\|\\||[;|]")) {
        List<String> words = List.of(segment.strip().split("\\s+"));
        int first = 0;
        while (first < words.size() && words.get(first).matches("[A-Za-z_]\\w*=.*")) {
          first++;
        }
        String program = first < words.size() ? words.get(first) : "";
        boolean jdkFromScript = exported || JDK_FROM_SCRIPT.matcher(String.join(" ", words.subList(0, first))).find();
        if (program.equals("java") || (program.matches("(\\./)?mvnw|mvn") && !jdkFromScript)) {
          wrong.add(page.getFileName() + ":" + command.line() + " `" + command.text() + "`");
        }
      }
    }
    assertThat(wrong).as("commands of %s that run the default java (17 here), not the JDK >= 21 the build needs: "
        + "prefix JAVA_HOME=$(scripts/find-jdk.sh), use \"$(scripts/find-jdk.sh)/bin/java\", or a script",
        Repo.root().relativize(page)).isEmpty();
  }

  @Test
  void the_option_check_reads_what_each_script_parses() {
    ShellScript bench = ShellScript.read(Repo.path("scripts/bench.sh"));
    assertThat(bench.options()).contains("--rate", "--duration", "--warmup", "--capacity", "--jfr", "--help");
    assertThat(bench.accepts("--rates")).isFalse();
    ShellScript runLocal = ShellScript.read(Repo.path("run-local.sh"));
    assertThat(runLocal.options()).containsExactlyInAnyOrder("--infra-only", "--demo", "--help");
    assertThat(ShellScript.read(Repo.path("scripts/oracle.sh")).accepts("--from")).as("positional arguments only").isFalse();
    assertThat(ShellScript.read(Repo.path("run-tests.sh")).accepts("--fail-at-end")).as("hands its arguments to Maven").isTrue();
  }

  @Test
  void the_command_and_link_readers_see_what_a_reader_sees() {
    Markdown page = new Markdown(Repo.path("docs/example.md"), List.of(
        "# A page — with `code`, and (punctuation)", "## A page — with `code`, and (punctuation)",
        "See [the bench](../scripts/bench.sh#top) and ![img](pic.png \"title\"), not `[x](y)` or <https://x.io>.",
        "Run `scripts/bench.sh --rate 10` or:", "```bash", "JAVA_HOME=$(scripts/find-jdk.sh) ./mvnw -q \\",
        "   verify   # a comment with --no-such-option", "```", "```", "./run-local.sh --in-a-diagram", "```"));
    assertThat(page.anchors()).containsExactly("a-page--with-code-and-punctuation", "a-page--with-code-and-punctuation-1");
    assertThat(page.links()).extracting(Markdown.Link::target).containsExactly("../scripts/bench.sh#top", "pic.png");
    assertThat(page.commands()).extracting(Markdown.Command::text).containsExactly(
        "JAVA_HOME=$(scripts/find-jdk.sh) ./mvnw -q verify", "code", "code", "[x](y)", "scripts/bench.sh --rate 10");
    assertThat(arguments(" --rate 10 --jfr && ./run-local.sh --infra-only")).containsExactly("--rate", "10", "--jfr");
  }

  /** The words after a script up to the end of its command. */
  private static List<String> arguments(String rest) {
    Matcher end = ARGUMENTS_END.matcher(rest);
    String arguments = end.find() ? rest.substring(0, end.start()) : rest;
    return arguments.isBlank() ? List.of() : List.of(arguments.strip().split("\\s+"));
  }
}
