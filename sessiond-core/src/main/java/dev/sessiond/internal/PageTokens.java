package dev.sessiond.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import dev.sessiond.store.Cursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Encodes a {@link Cursor} as an opaque, URL-safe page token and back. A token carries no secret:
 * it says only where the previous page ended.
 */
public final class PageTokens {
  private static final String VERSION = "c1";
  private static final int MAX_LENGTH = 200;

  private PageTokens() {}

  /** The token that resumes after {@code cursor}. */
  public static String encode(Cursor cursor) {
    String plain = VERSION + ":" + cursor.loginAt().toEpochMilli() + ":" + cursor.id();
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The cursor a token stands for.
   *
   * @param token {@code null} or empty means the first page
   * @return the cursor, or {@code null} for the first page
   * @throws SessiondException {@link ErrorCode#INVALID_PAGE_TOKEN} if the token is damaged
   */
  public static Cursor decode(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    if (token.length() > MAX_LENGTH) {
      throw invalid();
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
      String[] parts = plain.split(":", -1);
      if (parts.length != 3 || !VERSION.equals(parts[0]) || !SessionIds.isValid(parts[2])) {
        throw invalid();
      }
      return new Cursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw invalid();
    }
  }

  private static SessiondException invalid() {
    return new SessiondException(ErrorCode.INVALID_PAGE_TOKEN, "pageToken is not a valid page token");
  }
}
