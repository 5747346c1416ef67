package io.pulse.ingest.events;

import io.pulse.ingest.web.ContentTypes;
import java.util.List;
import org.springframework.http.MediaType;

/** How a batch is framed: one JSON value (an event or an array of events) or one event per line. */
enum BatchFormat {
  JSON,
  NDJSON;

  static final MediaType APPLICATION_NDJSON = MediaType.parseMediaType("application/x-ndjson");

  static BatchFormat of(String contentType) {
    MediaType type = ContentTypes.require(contentType, List.of(MediaType.APPLICATION_JSON, APPLICATION_NDJSON));
    return type.equalsTypeAndSubtype(APPLICATION_NDJSON) ? NDJSON : JSON;
  }
}
