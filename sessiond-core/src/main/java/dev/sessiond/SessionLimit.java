package dev.sessiond;

import java.util.Objects;

/**
 * At most {@code maxSessions} active sessions per user in a tenant, enforced atomically when a
 * session opens.
 *
 * @param maxSessions at least 1
 * @param policy what happens to the open that would exceed it; never {@code null}
 * @param perClientType whether the limit counts only sessions of the new session's client type
 *     (5 web and 5 mobile sessions, say) rather than all of the user's sessions
 */
public record SessionLimit(int maxSessions, Policy policy, boolean perClientType) {
  /** What happens when a user is at the limit and opens another session. */
  public enum Policy {
    /** The new open is refused ({@link ErrorCode#SESSION_LIMIT_REACHED}). */
    DENY_NEW,
    /** The user's oldest active sessions are revoked (reason {@code session_limit}) to make room. */
    EVICT_OLDEST
  }

  /** The reason recorded on sessions evicted to make room. */
  public static final String EVICTION_REASON = "session_limit";

  public SessionLimit {
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1");
    }
    Objects.requireNonNull(policy, "policy");
  }
}
