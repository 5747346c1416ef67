package io.pulse.query.fuzz;

import io.pulse.contracts.auth.ApiKeys;
import io.pulse.query.ReadKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * GET requests written byte for byte on a socket: HTTP clients refuse to send malformed percent
 * escapes, which are exactly what the fuzzer wants the server to see. A streaming (SSE) answer is
 * cut after its headers. Every request carries the tests' read key.
 */
final class RawHttp {

  record Answer(int status, String contentType, String body) {}

  private RawHttp() {}

  static Answer get(int port, String target) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(15_000);
      // with the read key: the fuzzer's values must reach the endpoints, not stop at the key check
      String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: */*\r\n"
          + ApiKeys.HEADER + ": " + ReadKey.VALUE + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      int status = Integer.parseInt(head.substring(9, 12));
      String contentType = header(head, "content-type");
      if (contentType.startsWith("text/event-stream")) {
        return new Answer(status, contentType, "");
      }
      byte[] body = in.readAllBytes(); // Connection: close, so the server ends the stream
      if (header(head, "transfer-encoding").equalsIgnoreCase("chunked")) {
        body = dechunk(body);
      }
      return new Answer(status, contentType, new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + target.substring(0, Math.min(200, target.length())), e);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b = in.read(); b != -1; b = in.read()) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Chunk-size CRLF data CRLF ... 0 CRLF CRLF, without extensions or trailers (Tomcat sends none). */
  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = at;
      while (chunked[lineEnd] != '\r') {
        lineEnd++;
      }
      int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }
}
