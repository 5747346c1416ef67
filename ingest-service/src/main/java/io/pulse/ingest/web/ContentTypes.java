package io.pulse.ingest.web;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Content-type checks done by hand rather than with {@code consumes}: the endpoints read the raw
 * body themselves (to bound it while reading), and a 415 must be a problem like every other refusal.
 */
public final class ContentTypes {

  private ContentTypes() {}

  /** Returns the entry of {@code accepted} the header names; only UTF-8 (or no charset) is allowed. */
  public static MediaType require(String header, List<MediaType> accepted) {
    String acceptedList = accepted.stream().map(MediaType::toString).collect(Collectors.joining(", "));
    if (header == null || header.isBlank()) {
      throw Problems.unsupportedMediaType("Content-Type is required; use one of: " + acceptedList, acceptedList);
    }
    MediaType type;
    try {
      type = MediaType.parseMediaType(header);
    } catch (InvalidMediaTypeException e) {
      throw Problems.unsupportedMediaType("Content-Type '" + header + "' cannot be parsed", acceptedList);
    }
    String charset = type.getParameter("charset");
    if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
      throw Problems.unsupportedMediaType("only UTF-8 is accepted, not charset " + charset, acceptedList);
    }
    return accepted.stream()
        .filter(candidate -> candidate.equalsTypeAndSubtype(type))
        .findFirst()
        .orElseThrow(() -> Problems.unsupportedMediaType(
            "Content-Type " + type.getType() + "/" + type.getSubtype() + " is not accepted; use one of: " + acceptedList,
            acceptedList));
  }
}
