package io.pulse.contracts.sketch;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/** A user id as 64 well-mixed bits (MurmurHash3 x64), what exact sets and HyperLogLog both count. */
public final class UserHash {

  private UserHash() {}

  public static long of(String userId) {
    return MurmurHash3.hash128x64(userId.getBytes(StandardCharsets.UTF_8))[0];
  }
}
