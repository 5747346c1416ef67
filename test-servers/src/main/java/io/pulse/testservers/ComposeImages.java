package io.pulse.testservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images docker-compose.yml runs, read from the file itself, so the containers the tests start
 * are always the releases the platform ships with: one place names the versions.
 */
final class ComposeImages {

  static final String CLICKHOUSE = "clickhouse/clickhouse-server";
  static final String KAFKA = "apache/kafka";

  private ComposeImages() {}

  /** {@code repository:tag} of the first {@code image:} line naming {@code repository} in {@code compose}. */
  static String image(String compose, String repository) {
    Matcher image = Pattern.compile("(?m)^\\s*image:\\s*[\"']?(" + Pattern.quote(repository) + ":[\\w.-]+)").matcher(compose);
    if (!image.find()) {
      throw new IllegalStateException("docker-compose.yml names no image " + repository + ":TAG");
    }
    return image.group(1);
  }

  static String image(String repository) {
    return image(read(composeFile()), repository);
  }

  /** docker-compose.yml at the repository root: the first one in the working directory or above it. */
  static Path composeFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docker-compose.yml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no docker-compose.yml in " + Path.of("").toAbsolutePath() + " or above");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
