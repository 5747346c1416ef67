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

  @Test
  void offsetsAreInTheWholeArrayWhenTheRangeStartsLaterAndTextBeforeTheBadByteIsMultiByte() {
    byte[] prefix = "{\"a\":\"ü\"}\n{\"b\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] text = new byte[prefix.length + 3];
    System.arraycopy(prefix, 0, text, 0, prefix.length);
    text[prefix.length] = 'x';
    text[prefix.length + 1] = (byte) 0xFF;
    text[prefix.length + 2] = '"';

    assertThat(Utf8.firstMalformed(text, 3, text.length)).isEqualTo(prefix.length + 1);
    assertThat(Utf8.firstMalformed(text, 0, prefix.length + 1)).isEqualTo(-1);
  }

  @Test
  void asciiTextOfAnyLengthPassesAndABadByteAfterItIsFound() {
    byte[] text = ("{\"type\":\"view\"}" + "x".repeat(20_000)).getBytes(StandardCharsets.US_ASCII);

    assertThat(Utf8.firstMalformed(text, 0, text.length)).isEqualTo(-1);
    text[text.length - 1] = (byte) 0x80;
    assertThat(Utf8.firstMalformed(text, 0, text.length)).isEqualTo(text.length - 1);
  }

  @Test
  void multiByteTextLongerThanTheDecodeBufferIsCheckedToTheEnd() {
    byte[] text = ("a" + "ü🚀".repeat(10_000) + "\u0000").getBytes(StandardCharsets.UTF_8);
    text[text.length - 1] = (byte) 0xC0; // never valid in UTF-8; far past the first buffer's worth

    assertThat(Utf8.firstMalformed(text, 0, text.length)).isEqualTo(text.length - 1);
    assertThat(Utf8.firstMalformed(text, 0, text.length - 1)).isEqualTo(-1);
  }
}
