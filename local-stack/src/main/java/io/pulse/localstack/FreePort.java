package io.pulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks free TCP ports on 127.0.0.1, so parallel test runs on one machine do not collide. */
public final class FreePort {

  private FreePort() {
  }

  /** {@code port} itself, or a free port when it is 0. */
  static int orPick(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("not a TCP port: " + port);
    }
    return port == 0 ? pick() : port;
  }

  /**
   * A port the OS just handed out. Another process may take it before we bind it, but the
   * kernel hands out ephemeral ports round-robin, so that window is very unlikely to be hit.
   */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
    }
  }
}
