package dev.sessiond.store;

import java.time.Instant;
import java.util.Objects;

/**
 * How a session ended.
 *
 * @param at when it ended; never {@code null}
 * @param reason a short machine-readable reason such as {@code logout} or {@code idle_timeout};
 *     never {@code null}
 * @param actor who ended it, such as {@code admin} or {@code system}; never {@code null}
 */
public record Ending(Instant at, String reason, String actor) {
  /** The actor recorded when sessiond itself ends a session (expiry). */
  public static final String SYSTEM = "system";
  /** Reason recorded when the idle timeout passed. */
  public static final String IDLE_TIMEOUT = "idle_timeout";
  /** Reason recorded when the absolute lifetime passed. */
  public static final String ABSOLUTE_LIFETIME = "absolute_lifetime";

  public Ending {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(actor, "actor");
  }

  /** The ending a sweep records for {@code record}, which expired at its {@code expiresAt}. */
  public static Ending expiryOf(SessionRecord record) {
    String reason =
        record.expiresAt().equals(record.absoluteExpiresAt()) ? ABSOLUTE_LIFETIME : IDLE_TIMEOUT;
    return new Ending(record.expiresAt(), reason, SYSTEM);
  }
}
