package io.pulse.ingest.web;

import io.pulse.ingest.config.IngestProperties;
import io.pulse.ingest.metrics.IngestMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Reads a request body into memory, refusing with 413 as soon as it exceeds the configured maximum:
 * a declared Content-Length is checked before reading a byte, a chunked body while it streams in, so
 * no request can make us buffer more than the limit.
 */
@Component
public class RequestBodyReader {

  private static final int CHUNK_BYTES = 64 * 1024;

  private final long maxBytes;
  private final IngestMetrics metrics;

  public RequestBodyReader(IngestProperties properties, IngestMetrics metrics) {
    this.maxBytes = properties.limits().maxBodySize().toBytes();
    this.metrics = metrics;
  }

  public byte[] read(HttpHeaders headers, InputStream body) {
    String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
    if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
      // Decompressing would need its own bound against zip bombs; not worth it for now.
      throw Problems.unsupportedEncoding(encoding);
    }
    long declared = headers.getContentLength();
    if (declared > maxBytes) {
      throw Problems.payloadTooLarge(maxBytes);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : CHUNK_BYTES);
    byte[] chunk = new byte[CHUNK_BYTES];
    long total = 0;
    try {
      for (int n = body.read(chunk); n != -1; n = body.read(chunk)) {
        total += n;
        if (total > maxBytes) {
          throw Problems.payloadTooLarge(maxBytes);
        }
        out.write(chunk, 0, n);
      }
    } catch (IOException e) {
      throw Problems.badRequest("unreadable-body", "the request body could not be read completely: " + e.getMessage());
    } finally {
      metrics.bytesRead(total);
    }
    return out.toByteArray();
  }
}
