package dev.sessiond.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes refresh tokens (32 bytes from {@link SecureRandom}, base64url without padding: 43
 * characters) and the SHA-256 that is all a store ever keeps of them. Lookups go by hash, so a
 * token is never compared with stored secrets character by character.
 */
public final class RefreshSecrets {
  private static final int BYTES = 32;
  private static final int LENGTH = 43;
  private static final SecureRandom RANDOM = new SecureRandom();

  private RefreshSecrets() {}

  /** A new refresh token. */
  public static String generate() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code token} has the form of a refresh token; {@code false} for {@code null}. */
  public static boolean isWellFormed(String token) {
    if (token == null || token.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = token.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The SHA-256 of {@code token} (UTF-8) as 64 lowercase hex characters; also used for API keys. */
  public static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
