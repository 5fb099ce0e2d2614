package dev.sessiond.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Makes and checks session ids: 32 bytes from {@link SecureRandom}, as 64 lowercase hex characters. */
public final class SessionIds {
  private static final int BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private SessionIds() {}

  /** A new random id. */
  public static String generate() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return HEX.formatHex(bytes);
  }

  /** Whether {@code id} has the form of a session id; {@code false} for {@code null}. */
  public static boolean isValid(String id) {
    if (id == null || id.length() != BYTES * 2) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
