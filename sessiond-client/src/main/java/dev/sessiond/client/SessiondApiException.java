package dev.sessiond.client;

/**
 * sessiond answered with an error: an RFC 9457 problem document whose {@link #code()} is the
 * stable machine-readable code (such as {@code session_not_found} or {@code
 * method_not_permitted}), or the server could not be reached ({@link #code()} {@value
 * #UNREACHABLE}, {@link #status()} 0). The message never holds a token or key.
 */
public class SessiondApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The {@link #code()} when no answer came: connection refused, timeout, broken stream. */
  public static final String UNREACHABLE = "unreachable";

  private final int status;
  private final String code;
  private final String detail;

  /**
   * @param status the HTTP status; 0 when no answer came
   * @param code the problem's {@code code}; never {@code null}
   * @param detail the problem's {@code detail}; never {@code null}, may be empty
   */
  public SessiondApiException(int status, String code, String detail, Throwable cause) {
    super(code + (status == 0 ? "" : " (HTTP " + status + ")") + (detail.isEmpty() ? "" : ": " + detail),
        cause);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  /** The HTTP status, or 0 when the server could not be reached. */
  public int status() {
    return status;
  }

  /** The problem's stable {@code code}, or {@value #UNREACHABLE}. */
  public String code() {
    return code;
  }

  /** The problem's {@code detail}; empty when it had none. */
  public String detail() {
    return detail;
  }

  /** Whether trying again later may succeed: unreachable, 429, 503. */
  public boolean isRetryable() {
    return status == 0 || status == 429 || status == 503;
  }
}
