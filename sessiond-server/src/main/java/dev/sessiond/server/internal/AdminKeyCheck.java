package dev.sessiond.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Tells whether a presented credential is the admin key. Keys are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so the time taken says nothing about the key. Holds only the
 * digest.
 */
final class AdminKeyCheck {
  private final byte[] adminDigest;

  AdminKeyCheck(String adminKey) {
    this.adminDigest = sha256(adminKey);
  }

  /** Whether {@code presented} is the admin key; {@code false} for {@code null}. */
  boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(adminDigest, sha256(presented));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
