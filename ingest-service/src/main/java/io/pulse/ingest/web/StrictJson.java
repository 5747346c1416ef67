package io.pulse.ingest.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON reading at the HTTP edge, and the translation of Jackson's failures into specific problems.
 *
 * <p>Like {@code Json.MAPPER} (contracts) it refuses duplicate keys, but while building the tree rather than
 * in the tokenizer, so a duplicate surfaces as its own exception type (duplicate-key, with the field)
 * instead of a generic parse error. Nesting is capped far below Jackson's default: an event is at
 * most three levels deep (array, event, properties), so anything deeper is an attack or a mistake.
 * The tokens NaN and Infinity are read (not refused as malformed) only so that validation can name
 * the field they are in: {@code EventJson} refuses every non-finite number as not-finite.
 */
public final class StrictJson {

  public static final int MAX_NESTING_DEPTH = 16;

  public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build())
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      // Batches are read value by value from one parser; the end of input is checked explicitly.
      .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private StrictJson() {}

  /** Reads exactly one JSON value from {@code bytes[from, to)}; {@code index} locates it in the batch. */
  public static JsonNode readSingleValue(byte[] bytes, int from, int to, Integer index) {
    int bad = Utf8.firstMalformed(bytes, from, to);
    if (bad >= 0) {
      throw Problems.invalid("invalid-utf8", null, index, "not valid UTF-8 at byte " + (bad - from));
    }
    try (JsonParser parser = MAPPER.createParser(bytes, from, to - from)) {
      try {
        if (parser.nextToken() == null) {
          throw Problems.invalid("empty-body", null, index, "the body holds no JSON value");
        }
        JsonNode node = MAPPER.readTree(parser);
        if (parser.nextToken() != null) {
          throw Problems.invalid("malformed-json", null, index, "more than one JSON value; expected exactly one");
        }
        return node;
      } catch (JacksonException e) {
        throw problemOf(e, parser, index);
      }
    }
  }

  /** Classifies a Jackson failure met while {@code parser} read the value at {@code index}. */
  public static ProblemException problemOf(JacksonException e, JsonParser parser, Integer index) {
    if (e instanceof StreamConstraintsException) {
      return Problems.invalid("json-limit-exceeded", null, index, e.getOriginalMessage());
    }
    if (e instanceof MismatchedInputException) {
      // With FAIL_ON_TRAILING_TOKENS off, reading a tree from well-formed tokens fails only on duplicates.
      String field = fieldPath(parser.streamReadContext());
      return Problems.invalid("duplicate-key", field, index, "duplicate key '" + field + "'");
    }
    return Problems.invalid("malformed-json", null, index, "malformed JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage());
  }

  /** The names of the enclosing objects, outermost first: {@code properties.color}. */
  private static String fieldPath(TokenStreamContext context) {
    StringBuilder path = new StringBuilder();
    for (TokenStreamContext c = context; c != null; c = c.getParent()) {
      if (c.inObject() && c.currentName() != null) {
        path.insert(0, path.isEmpty() ? c.currentName() : c.currentName() + ".");
      }
    }
    return path.toString();
  }

  private static String where(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
