package io.pulse.localstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the command that starts a ClickHouse server on this machine. */
final class ClickHouseBinary {

  static final String NOT_FOUND = "clickhouse-server not found: install it with "
      + "`apt-get install -y clickhouse-server clickhouse-client` (Debian/Ubuntu)";

  /** Debian puts the server in /usr/sbin, which is not on a normal user's PATH. */
  private static final List<Path> WELL_KNOWN = List.of(
      Path.of("/usr/sbin/clickhouse-server"), Path.of("/usr/bin/clickhouse-server"));

  private ClickHouseBinary() {
  }

  /** The command line prefix, e.g. {@code [/usr/sbin/clickhouse-server]} or {@code [/x/clickhouse, server]}. */
  static List<String> locate() {
    return locate(System.getenv("PATH"), WELL_KNOWN);
  }

  static List<String> locate(String pathVariable, List<Path> wellKnown) {
    List<Path> pathDirs = pathVariable == null ? List.of()
        : Stream.of(pathVariable.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    Optional<Path> server = Stream.concat(pathDirs.stream().map(dir -> dir.resolve("clickhouse-server")), wellKnown.stream())
        .filter(ClickHouseBinary::isExecutable)
        .findFirst();
    if (server.isPresent()) {
      return List.of(server.get().toString());
    }
    // Official tarball/installer builds ship one multi-tool binary: `clickhouse server`.
    return pathDirs.stream()
        .map(dir -> dir.resolve("clickhouse"))
        .filter(ClickHouseBinary::isExecutable)
        .findFirst()
        .map(single -> List.of(single.toString(), "server"))
        .orElseThrow(() -> new IllegalStateException(NOT_FOUND));
  }

  private static boolean isExecutable(Path file) {
    return Files.isRegularFile(file) && Files.isExecutable(file);
  }
}
