package dev.sessiond.client;

import java.time.Duration;
import java.util.Optional;

/** sessiond answered 429 {@code rate_limited}: over a configured rate limit. Retryable. */
public class RateLimitedException extends SessiondApiException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * @param retryAfter the server's {@code Retry-After}; {@code null} when it sent none (or an
   *     unreadable one)
   */
  public RateLimitedException(int status, String code, String detail, Duration retryAfter) {
    super(status, code, detail, null);
    this.retryAfter = retryAfter;
  }

  /** How long to wait before a call would be allowed; empty when the server did not say. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
