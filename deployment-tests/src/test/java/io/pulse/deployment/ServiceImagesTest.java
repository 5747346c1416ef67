package io.pulse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code git clone … && docker compose up --build} works on a machine with only Docker, checked without a Docker
 * engine: every image compose builds is built from source, from files a clean checkout has.
 */
class ServiceImagesTest {

  private static final ComposeFile COMPOSE = ComposeFile.load();
  private static final Pattern MAVEN = Pattern.compile("(?:^|\\s)(?:\\./mvnw|mvn)\\s(.*)$");
  private static final Pattern PROJECTS = Pattern.compile("(?:^|\\s)(?:-pl|--projects)[\\s=](\\S+)");

  /** A compose service compose builds, with the Dockerfile stage it builds and the stages that one needs. */
  record Image(String service, ComposeService.Build build, List<Dockerfile.Stage> stages, DockerIgnore ignore) {

    static Image of(ComposeService service) {
      ComposeService.Build build = service.build().orElseThrow();
      Dockerfile dockerfile = Dockerfile.parse(build.dockerfile());
      return new Image(service.name(), build, dockerfile.needed(dockerfile.target(build.target())),
          DockerIgnore.of(build.context()));
    }

    /** The build context as a repository-relative folder ("" for the root). */
    String context() {
      return Repo.root().relativize(build.context()).toString();
    }

    /** Whether a repository file reaches the build context: it is under it, and .dockerignore keeps it. */
    boolean inContext(String file) {
      String context = context();
      return context.isEmpty() ? !ignore.excludes(file)
          : file.startsWith(context + "/") && !ignore.excludes(file.substring(context.length() + 1));
    }

    List<Dockerfile.Instruction> copiesFromContext() {
      return stages.stream().flatMap(stage -> stage.instructions().stream())
          .filter(Dockerfile.Instruction::copiesFromContext).toList();
    }

    /** A context-relative path the image's build stages copy in, whole or as part of a copied folder. */
    boolean copies(String path) {
      return copiesFromContext().stream().flatMap(copy -> copy.sources().stream())
          .map(source -> source.replaceFirst("^\\./", "").replaceFirst("/+$", ""))
          .anyMatch(source -> source.equals(".") || path.equals(source) || path.startsWith(source + "/"));
    }

    @Override
    public String toString() {
      return service;
    }
  }

  static Stream<Image> images() {
    return COMPOSE.services().values().stream().filter(service -> service.build().isPresent()).map(Image::of);
  }

  @Test
  void compose_builds_every_pulse_service_and_the_build_contexts_are_inside_the_repository() {
    assertThat(images()).extracting(Image::service).containsAll(ServiceModule.all().stream().map(ServiceModule::name).toList());
    images().forEach(image -> {
      assertThat(image.build().context()).as("build context of %s", image).startsWith(Repo.root());
      String dockerfile = Repo.root().relativize(image.build().dockerfile()).toString();
      assertThat(Repo.trackedFiles().contains(dockerfile)).as("%s, the Dockerfile of %s, is in git", dockerfile, image).isTrue();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void no_image_copies_a_prebuilt_jar_from_the_host(Image image) {
    for (Dockerfile.Instruction copy : image.copiesFromContext()) {
      for (String source : copy.sources()) {
        assertThat(source).as("%s copies %s from the build context: build output of the host, not built from source", image,
                copy.text())
            .doesNotContainPattern("(^|/)target(/|$)")
            .doesNotContainPattern("\\.(jar|war)$");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void every_file_a_build_stage_copies_is_tracked_in_git_and_reaches_the_context(Image image) {
    Set<String> tracked = Repo.trackedFiles();
    for (Dockerfile.Instruction copy : image.copiesFromContext()) {
      for (String source : copy.sources()) {
        Pattern pattern = Pattern.compile(sourceRegex(image.context(), source));
        List<String> matching = tracked.stream().filter(file -> pattern.matcher(file).matches()).toList();
        assertThat(matching).as("%s: '%s' copies files that a clean checkout does not have (git ls-files)", image, copy.text())
            .isNotEmpty();
        assertThat(matching).as("%s: '%s' copies only files .dockerignore keeps out of the context", image, copy.text())
            .anyMatch(image::inContext);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void the_maven_build_stage_copies_every_module_it_builds_and_every_file_their_poms_reach_outside_them(Image image) {
    List<String> builds = image.stages().stream().flatMap(stage -> stage.all("RUN").stream())
        .map(Dockerfile.Instruction::text).filter(run -> MAVEN.matcher(run).find()).toList();
    Set<String> tracked = Repo.trackedFiles();
    for (String run : builds) {
      Matcher maven = MAVEN.matcher(run);
      maven.find();
      String arguments = maven.group(1);
      List<String> needed = new ArrayList<>(List.of("pom.xml"));
      if (run.contains("./mvnw")) {
        needed.addAll(List.of("mvnw", ".mvn/wrapper/maven-wrapper.properties"));
      }
      Repo.modules().forEach(module -> needed.add(module + "/pom.xml"));
      Matcher projects = PROJECTS.matcher(arguments);
      List<String> selected = projects.find() ? List.of(projects.group(1).split(",")) : Repo.modules();
      Set<String> built = arguments.matches(".*(^|\\s)(-am|--also-make)(\\s|$).*") ? Reactor.alsoMake(selected) : Set.copyOf(selected);
      List<String> folders = new ArrayList<>();
      for (String module : built) {
        folders.add(module + "/src/main/");
        Reactor.outsideDirectories(module).forEach(directory -> folders.add(directory + "/"));
      }
      tracked.stream().filter(file -> folders.stream().anyMatch(file::startsWith)).forEach(needed::add);
      assertThat(needed.stream().filter(file -> !image.copies(file)).toList()).as("%s: files `%s` needs (the reactor's "
          + "poms, the sources of %s and what their poms read from outside them) that no COPY brings in", image, run, built)
          .isEmpty();
      assertThat(needed.stream().filter(file -> !image.inContext(file)).toList())
          .as("%s: files `%s` needs that are outside the build context or excluded by its .dockerignore", image, run).isEmpty();
    }
  }

  @Test
  void dockerignore_keeps_local_build_output_and_data_out_of_the_root_context() {
    DockerIgnore ignore = DockerIgnore.of(Repo.root());
    assertThat(List.of("ingest-service/target/ingest-service-0.1.0-SNAPSHOT-exec.jar", "target/classes/A.class",
        "contracts/target/classes/io/pulse/A.class", ".local/data/kafka/meta.properties", ".local/logs/run.log"))
        .allMatch(ignore::excludes);
    assertThat(List.of("pom.xml", "mvnw", ".mvn/wrapper/maven-wrapper.properties", "ingest-service/src/main/java/A.java",
        "infra/clickhouse/V001__window_aggregates.sql")).noneMatch(ignore::excludes);
  }

  /** A COPY source (a file, a folder, or a glob) as a regex over repository-relative paths. */
  private static String sourceRegex(String context, String source) {
    String path = source.replaceFirst("^\\./", "").replaceFirst("/+$", "");
    String prefix = context.isEmpty() ? "" : Pattern.quote(context + "/");
    if (path.equals(".") || path.isEmpty()) {
      return prefix + ".+";
    }
    String glob = Pattern.quote(path).replace("*", "\\E[^/]*\\Q").replace("?", "\\E[^/]\\Q");
    return prefix + glob + "(/.+)?";
  }
}
