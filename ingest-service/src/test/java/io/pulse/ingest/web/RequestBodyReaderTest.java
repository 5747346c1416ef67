package io.pulse.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulse.ingest.config.IngestProperties;
import io.pulse.ingest.config.IngestProperties.Limits;
import io.pulse.ingest.metrics.IngestMetrics;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;

class RequestBodyReaderTest {

  private static final int MAX = 1024 * 1024;

  private final RequestBodyReader reader = new RequestBodyReader(
      new IngestProperties(List.of("k"), new Limits(DataSize.ofBytes(MAX), 10, Duration.ofMinutes(5), 10, 0, 10, DataSize.ofMegabytes(64)), null, 0, false),
      new IngestMetrics(new SimpleMeterRegistry()));

  @Test
  void anEndlessBodyIsCutOffJustAfterTheLimit() {
    EndlessStream endless = new EndlessStream();

    ProblemException problem = catchThrowableOfType(ProblemException.class, () -> reader.read(new HttpHeaders(), endless));

    assertThat(problem.code()).isEqualTo("body-too-large");
    assertThat(problem.status().value()).isEqualTo(413);
    assertThat(endless.served).isLessThanOrEqualTo(MAX + 64 * 1024);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentLength(MAX + 1);
    EndlessStream endless = new EndlessStream();

    ProblemException problem = catchThrowableOfType(ProblemException.class, () -> reader.read(headers, endless));

    assertThat(problem.code()).isEqualTo("body-too-large");
    assertThat(endless.served).isZero();
  }

  @Test
  void aBodyOfExactlyTheLimitIsRead() {
    assertThat(reader.read(new HttpHeaders(), new ByteArrayInputStream(new byte[MAX]))).hasSize(MAX);
  }

  /** Serves zeros forever and counts them. */
  private static final class EndlessStream extends InputStream {
    long served;

    @Override
    public int read() {
      served++;
      return 0;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      served += length;
      return length;
    }
  }
}
