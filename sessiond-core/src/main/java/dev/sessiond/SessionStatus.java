package dev.sessiond;

import dev.sessiond.internal.WireName;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a session is in its life. Only {@link #ACTIVE} sessions are valid; the other two are kept
 * for audit until the retention window passes.
 */
public enum SessionStatus {
  /** Open and within both its idle timeout and its absolute lifetime. */
  ACTIVE,
  /** Ended on purpose by a revoke; carries a reason and an actor. */
  REVOKED,
  /** Ended by its idle timeout or absolute lifetime. */
  EXPIRED;

  /** The wire name: the constant in lowercase. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name.
   *
   * @param value a wire name such as {@code "active"}; may be {@code null}
   * @return the status, or empty if {@code value} is {@code null} or not a known name
   */
  public static Optional<SessionStatus> fromWire(String value) {
    return WireName.parse(SessionStatus.class, value);
  }
}
