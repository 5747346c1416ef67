package io.pulse.deployment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The Maven reactor of the root pom: which modules depend on which, and what a module reads from outside its folder. */
final class Reactor {

  /** A dependency of a module on another module of the reactor; scope is "" when the pom names none (compile). */
  record Dependency(String module, String scope) {

    boolean atRunTime() {
      return scope.isEmpty() || scope.equals("compile") || scope.equals("runtime");
    }
  }

  private Reactor() {}

  /** The module's own dependencies on reactor modules, every scope (dependencyManagement entries are not dependencies). */
  static List<Dependency> dependencies(String module) {
    List<String> modules = Repo.modules();
    List<Dependency> dependencies = new ArrayList<>();
    NodeList nodes = Repo.xml(Repo.path(module).resolve("pom.xml")).getElementsByTagName("dependency");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element dependency = (Element) nodes.item(i);
      if (dependency.getParentNode().getParentNode().getNodeName().equals("dependencyManagement")) {
        continue;
      }
      String artifact = text(dependency, "artifactId");
      if (text(dependency, "groupId").equals("io.pulse") && modules.contains(artifact)) {
        dependencies.add(new Dependency(artifact, text(dependency, "scope")));
      }
    }
    return dependencies;
  }

  /** What {@code mvn -pl MODULES -am} builds: the modules and, transitively, every reactor module they depend on. */
  static Set<String> alsoMake(Collection<String> modules) {
    Set<String> built = new LinkedHashSet<>();
    Deque<String> pending = new ArrayDeque<>(modules);
    while (!pending.isEmpty()) {
      String module = pending.pop();
      if (built.add(module)) {
        dependencies(module).forEach(dependency -> pending.add(dependency.module()));
      }
    }
    return built;
  }

  /** Folders outside the module that its build reads ({@code <directory>../infra/clickhouse</directory>}), repo-relative. */
  static Set<String> outsideDirectories(String module) {
    Set<String> directories = new LinkedHashSet<>();
    NodeList nodes = Repo.xml(Repo.path(module).resolve("pom.xml")).getElementsByTagName("directory");
    for (int i = 0; i < nodes.getLength(); i++) {
      String directory = nodes.item(i).getTextContent().strip();
      if (directory.startsWith("../")) {
        directories.add(Repo.root().relativize(Repo.path(module).resolve(directory).normalize()).toString().replace('\\', '/'));
      }
    }
    return directories;
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }
}
