package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads RFC 3339 instants from requests, such as {@code 2026-12-01T00:00:00Z}. */
final class Instants {
  private static final int MAX_LENGTH = 64;

  private Instants() {}

  /**
   * The instant in {@code text}.
   *
   * @return {@code null} if {@code text} is {@code null} or empty
   * @throws SessiondException {@link ErrorCode#INVALID_FIELD} naming {@code field}
   */
  static Instant parse(String field, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      if (text.length() > MAX_LENGTH) {
        throw new DateTimeParseException("too long", text, 0);
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new SessiondException(ErrorCode.INVALID_FIELD,
          field + " must be an RFC 3339 date-time such as 2026-12-01T00:00:00Z");
    }
  }
}
