package dev.sessiond;

import java.time.Duration;
import java.util.Objects;

/**
 * How long sessions live. A session expires when it has been idle for {@code idleTimeout} or has
 * existed for {@code absoluteLifetime}, whichever comes first.
 *
 * @param idleTimeout sliding: each recorded activity restarts it; positive
 * @param absoluteLifetime fixed from login; positive
 */
public record SessionPolicy(Duration idleTimeout, Duration absoluteLifetime) {
  /** 30 minutes idle, 12 hours at most. */
  public static final SessionPolicy DEFAULT =
      new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(12));

  public SessionPolicy {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(absoluteLifetime, "absoluteLifetime");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive");
    }
    if (absoluteLifetime.isNegative() || absoluteLifetime.isZero()) {
      throw new IllegalArgumentException("absoluteLifetime must be positive");
    }
  }
}
