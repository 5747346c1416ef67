package io.pulse.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

  @Test
  void wellFormedTextIncludingMultiByteCharactersPasses() {
    byte[] text = "{\"city\":\"München 東京 🚀\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(Utf8.firstMalformed(text, 0, text.length)).isEqualTo(-1);
  }

  @Test
  void theOffsetOfTheFirstBadByteIsReported() {
    byte[] text = {'a', 'b', (byte) 0xC3, '(', 'c'};

    assertThat(Utf8.firstMalformed(text, 0, text.length)).isEqualTo(2);
  }

  @Test
  void aSequenceCutOffAtTheEndIsMalformed() {
    byte[] text = {'a', (byte) 0xE2, (byte) 0x82};

    assertThat(Utf8.firstMalformed(text, 0, text.length)).isEqualTo(1);
  }

  @Test
  void encodedSurrogatesAreMalformed() {
    byte[] text = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};

    assertThat(Utf8.firstMalformed(text, 0, text.length)).isZero();
  }
}
