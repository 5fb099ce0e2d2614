package dev.sessiond;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to "is this access token good right now?".
 *
 * @param outcome never {@code null}
 * @param token the verified claims when {@code outcome} is {@link Outcome#ACTIVE}, else {@code null}
 */
public record Verification(Outcome outcome, VerifiedToken token) {
  /** Why a token is or is not good. */
  public enum Outcome {
    /** Signature, issuer and lifetime check out, and nothing revoked it. */
    ACTIVE,
    /** Malformed, wrongly signed, of an unknown key or issuer, or an algorithm sessiond refuses. */
    INVALID,
    /** Well signed but past its {@code exp}. */
    EXPIRED,
    /** Well signed and current, but its session was revoked, blacklisted, or cut off by a watermark. */
    REVOKED
  }

  public Verification {
    Objects.requireNonNull(outcome, "outcome");
    if ((outcome == Outcome.ACTIVE) != (token != null)) {
      throw new IllegalArgumentException("claims are present exactly when the token is active");
    }
  }

  /** An active verification. */
  public static Verification active(VerifiedToken token) {
    return new Verification(Outcome.ACTIVE, Objects.requireNonNull(token, "token"));
  }

  /** A verification that failed with {@code outcome}. */
  public static Verification rejected(Outcome outcome) {
    return new Verification(outcome, null);
  }

  /** Whether the token is good. */
  public boolean isActive() {
    return outcome == Outcome.ACTIVE;
  }

  /** The claims of an active token; empty otherwise. */
  public Optional<VerifiedToken> claims() {
    return Optional.ofNullable(token);
  }
}
