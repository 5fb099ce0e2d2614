package dev.sessiond;

import java.util.Objects;

/**
 * A failure with a stable {@link ErrorCode}. The message is safe to show a caller: it never holds a
 * secret or an internal detail.
 */
public class SessiondException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /**
   * @param code never {@code null}
   * @param detail a message for the caller, never {@code null}
   */
  public SessiondException(ErrorCode code, String detail) {
    super(Objects.requireNonNull(detail, "detail"));
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable code. */
  public ErrorCode code() {
    return code;
  }

  /** The message for the caller (the same as {@link #getMessage()}). */
  public String detail() {
    return getMessage();
  }
}
