package io.pulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseBinaryTest {

  @TempDir
  Path dir;

  @Test
  void prefersClickHouseServerOnThePath() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path server = executable(bin.resolve("clickhouse-server"));
    executable(bin.resolve("clickhouse"));

    assertThat(ClickHouseBinary.locate("/nonexistent:" + bin, List.of())).containsExactly(server.toString());
  }

  @Test
  void fallsBackToWellKnownLocationsThenToTheSingleClickHouseBinary() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path single = executable(bin.resolve("clickhouse"));
    Path sbinServer = executable(Files.createDirectories(dir.resolve("sbin")).resolve("clickhouse-server"));

    assertThat(ClickHouseBinary.locate(bin.toString(), List.of(sbinServer))).containsExactly(sbinServer.toString());
    assertThat(ClickHouseBinary.locate(bin.toString(), List.of(dir.resolve("missing"))))
        .containsExactly(single.toString(), "server");
  }

  @Test
  void explainsHowToInstallWhenNothingIsFound() {
    assertThatThrownBy(() -> ClickHouseBinary.locate(dir.toString(), List.of(dir.resolve("missing"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("clickhouse-server not found: install it with "
            + "`apt-get install -y clickhouse-server clickhouse-client` (Debian/Ubuntu)");
  }

  private static Path executable(Path file) throws IOException {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
