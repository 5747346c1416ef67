package io.pulse.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository as files: where it is, and its YAML, text and poms read the way the tools read them. */
public final class Repo {

  private Repo() {}

  /** The reactor root: {@code -Dpulse.repo.root} (surefire sets it), else the first parent holding docker-compose.yml. */
  public static Path root() {
    String configured = System.getProperty("pulse.repo.root");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root; set -Dpulse.repo.root");
  }

  public static Path path(String relative) {
    return root().resolve(relative).normalize();
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** A YAML document as plain maps and lists; merge keys ({@code <<: *anchor}) are resolved as Compose does. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> yaml(Path file) {
    Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
    if (!(loaded instanceof Map)) {
      throw new IllegalStateException(file + " is not a YAML mapping");
    }
    return (Map<String, Object>) loaded;
  }

  public static List<Path> list(Path dir, String glob) {
    List<Path> files = new ArrayList<>();
    try (var stream = Files.newDirectoryStream(dir, glob)) {
      stream.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    files.sort(null);
    return files;
  }

  public static Document xml(Path file) {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot parse " + file, e);
    }
  }

  /** A {@code <properties>} value of the root pom, e.g. {@code kafka.version}. */
  public static String rootPomProperty(String name) {
    NodeList properties = xml(path("pom.xml")).getDocumentElement().getElementsByTagName("properties");
    NodeList values = ((Element) properties.item(0)).getElementsByTagName(name);
    if (values.getLength() == 0) {
      throw new IllegalStateException("root pom has no property " + name);
    }
    return values.item(0).getTextContent().strip();
  }

  /** Direct children of the project element (version, artifactId, ...), not of the parent. */
  public static String pomValue(Path pom, String element) {
    NodeList children = xml(pom).getDocumentElement().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element child && child.getTagName().equals(element)) {
        return child.getTextContent().strip();
      }
    }
    throw new IllegalStateException(pom + " has no <" + element + ">");
  }

  /** The files git tracks (its index), as repository-relative paths with '/': what a clean checkout holds. */
  public static Set<String> trackedFiles() {
    return git("ls-files", "-z");
  }

  /** Tracked files and new ones git does not ignore: what the next commit can hold, never build output. */
  public static Set<String> unignoredFiles() {
    return git("ls-files", "-z", "--cached", "--others", "--exclude-standard");
  }

  private static Set<String> git(String... arguments) {
    List<String> command = new ArrayList<>(List.of("git", "-C", root().toString()));
    command.addAll(List.of(arguments));
    try {
      Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: is " + root() + " a git checkout?");
      }
      Set<String> files = new TreeSet<>(Arrays.asList(output.split("\0")));
      files.remove("");
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run git", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static List<String> modules() {
    NodeList modules = xml(path("pom.xml")).getDocumentElement().getElementsByTagName("module");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < modules.getLength(); i++) {
      names.add(modules.item(i).getTextContent().strip());
    }
    return names;
  }
}
