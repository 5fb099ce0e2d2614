package dev.sessiond.client.verify;

import java.util.Objects;

/**
 * The answer of {@link LocalVerifier#verify}.
 *
 * @param outcome never {@code null}
 * @param session the token's session when {@link Outcome#VALID}; {@code null} otherwise
 * @param stale {@code true} only when {@link Outcome#VALID} was given in fail-open mode while the
 *     verifier could not prove it was fresh (a revocation may not have reached it yet)
 * @param reason a short human-readable explanation for logs; empty when valid and fresh; never
 *     holds the token
 */
public record Verification(Outcome outcome, VerifiedSession session, boolean stale, String reason) {
  /** What the verifier concluded. */
  public enum Outcome {
    /** Signature, issuer and lifetime check out and nothing known revokes it. */
    VALID,
    /** Not a sessiond access token this verifier can check: malformed, unknown key, bad signature. */
    INVALID,
    /** Its {@code exp} has passed. */
    EXPIRED,
    /** Its session was revoked or blacklisted, its {@code jti} blacklisted, or a revoke-all covers it. */
    REVOKED,
    /** The verifier cannot decide: its feed is stale in fail-closed mode, or keys cannot be fetched. */
    UNAVAILABLE
  }

  public Verification {
    Objects.requireNonNull(outcome, "outcome");
    reason = reason == null ? "" : reason;
    if ((outcome == Outcome.VALID) != (session != null)) {
      throw new IllegalArgumentException("a session is given exactly when the outcome is VALID");
    }
    if (stale && outcome != Outcome.VALID) {
      throw new IllegalArgumentException("only a VALID outcome can be stale");
    }
  }

  static Verification valid(VerifiedSession session, boolean stale) {
    return new Verification(Outcome.VALID, session, stale,
        stale ? "accepted while the event feed is stale (fail-open)" : "");
  }

  static Verification rejected(Outcome outcome, String reason) {
    return new Verification(outcome, null, false, reason);
  }

  /** Whether the outcome is {@link Outcome#VALID} (fresh or stale). */
  public boolean isValid() {
    return outcome == Outcome.VALID;
  }
}
