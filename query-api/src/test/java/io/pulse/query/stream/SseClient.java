package io.pulse.query.stream;

import io.pulse.contracts.auth.ApiKeys;
import io.pulse.query.ReadKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal Server-Sent Events reader over java.net.http, collecting events and comments. */
final class SseClient implements AutoCloseable {

  record Event(String id, String name, String data) {}

  final HttpResponse<InputStream> response;
  final List<Event> events = new CopyOnWriteArrayList<>();
  final List<String> comments = new CopyOnWriteArrayList<>();
  private final Thread reader;
  volatile IOException endedBy;

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = Thread.ofVirtual().start(this::read);
  }

  /** A stream read with the tests' read key in X-Api-Key. */
  static SseClient open(HttpClient http, URI uri, String lastEventId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
        .header(ApiKeys.HEADER, ReadKey.VALUE);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return open(http, request);
  }

  /** A stream requested exactly as given (with no key unless the request has one). */
  static SseClient open(HttpClient http, HttpRequest.Builder request) {
    try {
      return new SseClient(http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Event last() {
    return events.get(events.size() - 1);
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String name = null;
      List<String> data = new ArrayList<>();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Event(id, name, String.join("\n", data)));
          }
          id = null;
          name = null;
          data.clear();
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1));
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.add(line.substring(5).stripLeading());
        }
      }
    } catch (IOException e) {
      endedBy = e; // normally the test closing the stream
    }
  }

  @Override
  public void close() throws IOException {
    response.body().close();
    reader.interrupt();
  }
}
