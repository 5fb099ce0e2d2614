package dev.sessiond.store;

import dev.sessiond.SessionLimit;
import java.util.List;

/**
 * The ability to open a session under a per-user limit atomically: counting the user's active
 * sessions, evicting or refusing, and storing the new session with its first refresh token happen
 * as one indivisible, durable step, so concurrent opens can never leave more than the limit.
 */
public interface SessionLimitStore {

  /**
   * What a limited insert did.
   *
   * @param inserted whether the new session was stored
   * @param evicted the ids of the sessions revoked to make room; never {@code null}
   */
  record Outcome(boolean inserted, List<String> evicted) {
    public Outcome {
      evicted = List.copyOf(evicted);
    }
  }

  /**
   * Counts the active sessions (stored as active, {@code expiresAt} after the new session's
   * {@code loginAt}) of the new session's tenant and user, of its client type only when {@code
   * limit.perClientType()}. Below the limit, stores {@code session} and {@code first} as {@link
   * RefreshTokenStore#insertWithRefreshToken} does. At or above it, under {@link
   * SessionLimit.Policy#DENY_NEW} stores nothing; under {@link SessionLimit.Policy#EVICT_OLDEST}
   * revokes the oldest of them ({@code loginAt}, then {@code id}, ascending) with {@code eviction}
   * until one place is free, then stores. All of it atomically.
   *
   * @throws IllegalStateException if a session with the same id or a token with the same hash
   *     exists; nothing is stored or revoked then
   */
  default Outcome insertWithinLimit(SessionRecord session, RefreshToken first, SessionLimit limit,
      Ending eviction) {
    return insertWithinLimit(session, first, limit, eviction, null);
  }

  /**
   * As {@link #insertWithinLimit(SessionRecord, RefreshToken, SessionLimit, Ending)}, and when the
   * session is stored, also appends {@code audit} (if not {@code null}) to the store's audit log
   * in the same atomic, durable step. Nothing is appended when the open is refused.
   */
  Outcome insertWithinLimit(SessionRecord session, RefreshToken first, SessionLimit limit,
      Ending eviction, AuditRecord audit);
}
