package io.pulse.contracts.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * One service's set of accepted API keys, compared in constant time: ingest's write keys and the query
 * API's read keys are two separate instances, so a key of one set means nothing to the other service.
 * Keys are compared as SHA-256 digests so the comparison does not even leak a key's length, and every
 * key is checked so the time does not tell which one matched.
 */
public final class ApiKeys {

  /** The request header both services read a key from. */
  public static final String HEADER = "X-Api-Key";

  private final List<byte[]> digests;

  public ApiKeys(List<String> keys) {
    this.digests = keys.stream().map(ApiKeys::sha256).toList();
  }

  public boolean matches(String presented) {
    byte[] digest = sha256(presented);
    boolean match = false;
    for (byte[] key : digests) {
      match |= MessageDigest.isEqual(key, digest);
    }
    return match;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
