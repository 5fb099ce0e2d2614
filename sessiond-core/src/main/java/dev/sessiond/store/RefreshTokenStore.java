package dev.sessiond.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The ability to keep sessions' refresh-token families. A family is every refresh token a session
 * has had; exactly one of them, the head, is current. Rotation is a compare-and-set on the head,
 * so of many concurrent rotations of one token exactly one succeeds, and a family never has two
 * heads. Tokens are deleted with their session.
 */
public interface RefreshTokenStore {

  /**
   * Stores a new session and the first token of its family in one durable write: both are stored,
   * or neither is. Same as {@link #insertWithRefreshToken(SessionRecord, RefreshToken,
   * AuditRecord)} with no audit record.
   *
   * @throws IllegalStateException if a session with the same id or a token with the same hash
   *     exists; nothing is stored then
   */
  default void insertWithRefreshToken(SessionRecord session, RefreshToken first) {
    insertWithRefreshToken(session, first, null);
  }

  /**
   * Stores a new session, the first token of its family and, if not {@code null}, {@code audit}
   * (appended to the store's audit log as {@link AuditStore#appendAudit} would) in one durable
   * write: all are stored, or none is. One write instead of two keeps an audited open to one
   * commit.
   *
   * @throws IllegalStateException if a session with the same id or a token with the same hash
   *     exists; nothing is stored then
   */
  void insertWithRefreshToken(SessionRecord session, RefreshToken first, AuditRecord audit);

  /**
   * Stores the first token of a session's family.
   *
   * @throws IllegalStateException if a token with the same hash exists, or the session already has
   *     a current token (a family never has two heads)
   */
  void insertRefreshToken(RefreshToken token);

  /**
   * Finds a token by its hash, current or rotated.
   *
   * @return the token, or empty if no token has this hash
   */
  Optional<RefreshToken> findRefreshToken(String hash);

  /**
   * Finds the current head of a session's family.
   *
   * @return the head, or empty if the session has no refresh token
   */
  Optional<RefreshToken> currentRefreshToken(String sessionId);

  /**
   * Rotates: if the token with {@code presentedHash} is its family's current head, marks it rotated
   * at {@code now} and stores {@code next} (which must name the same session and have no rotation
   * time) as the new head, atomically. Otherwise changes nothing.
   *
   * @return {@code true} if this call rotated; {@code false} if the presented token is unknown,
   *     was already rotated away, or {@code next} names another session or an existing hash
   */
  default boolean rotateRefreshToken(String presentedHash, RefreshToken next, Instant now) {
    return rotateRefreshToken(presentedHash, next, now, null);
  }

  /**
   * As {@link #rotateRefreshToken(String, RefreshToken, Instant)}, and when this call rotates,
   * also appends {@code audit} (if not {@code null}) to the store's audit log in the same durable
   * write. Nothing is appended when it does not rotate.
   */
  boolean rotateRefreshToken(String presentedHash, RefreshToken next, Instant now,
      AuditRecord audit);
}
