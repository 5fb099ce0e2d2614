package dev.sessiond.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.OpenedSession;
import dev.sessiond.Session;
import dev.sessiond.SessionLimit;
import dev.sessiond.SessiondException;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.RefreshTokenStore;
import dev.sessiond.store.SessionLimitStore;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refresh: trades a refresh token for a new pair with a compare-and-set on the family head, so a
 * family never has two heads. A token rotated away less than the grace window ago still refreshes
 * (it rotates the current head), which absorbs concurrent and lost-response retries. Any later use
 * of a rotated-away token is reuse: the session is revoked with {@link #REUSE_REASON}.
 */
public final class RefreshRotation {
  /** The reason recorded on a session revoked for refresh-token reuse. */
  public static final String REUSE_REASON = "refresh_token_reuse";
  private static final Logger LOG = LoggerFactory.getLogger(RefreshRotation.class);
  private static final int MAX_ATTEMPTS = 16;

  private final SessionStore sessions;
  private final RefreshTokenStore tokens;
  private final TokenAuthority authority;
  private final Duration grace;
  private final Clock clock;

  public RefreshRotation(SessionStore sessions, RefreshTokenStore tokens, TokenAuthority authority,
      Duration grace, Clock clock) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.authority = authority;
    this.grace = grace;
    this.clock = clock;
  }

  /**
   * Stores a new session together with the first token of its refresh family and the open's
   * audit record ({@code null}: none), in one durable write, and returns that token.
   */
  public String open(SessionRecord session, AuditRecord audit) {
    String token = RefreshSecrets.generate();
    tokens.insertWithRefreshToken(session,
        new RefreshToken(RefreshSecrets.hash(token), session.id(), session.loginAt(), null),
        audit);
    return token;
  }

  /**
   * Like {@link #open}, under a per-user limit (atomically, see {@link SessionLimitStore}).
   * Sessions evicted to make room are passed to {@code onEvicted} before this returns.
   *
   * @throws SessiondException {@link ErrorCode#SESSION_LIMIT_REACHED} if the limit refuses it
   */
  public String openWithinLimit(SessionRecord session, AuditRecord audit,
      SessionLimitStore limiter, SessionLimit limit, Ending eviction,
      Consumer<String> onEvicted) {
    String token = RefreshSecrets.generate();
    SessionLimitStore.Outcome outcome = limiter.insertWithinLimit(session,
        new RefreshToken(RefreshSecrets.hash(token), session.id(), session.loginAt(), null), limit,
        eviction, audit);
    outcome.evicted().forEach(onEvicted);
    if (!outcome.inserted()) {
      throw new SessiondException(ErrorCode.SESSION_LIMIT_REACHED,
          "the user already has " + limit.maxSessions() + " active sessions, the most allowed");
    }
    return token;
  }

  /**
   * The session a refresh token (current or rotated) belongs to.
   *
   * @return empty if {@code token} is not a known refresh token
   */
  public Optional<String> sessionOf(String token) {
    if (!RefreshSecrets.isWellFormed(token)) {
      return Optional.empty();
    }
    return tokens.findRefreshToken(RefreshSecrets.hash(token)).map(RefreshToken::sessionId);
  }

  /**
   * Rotates {@code presented} and answers the session with a new pair; slides the idle expiry.
   *
   * @param visible whether the caller may act on the token's session; a session it may not is
   *     answered exactly as an unknown token, and its family is left alone
   * @param onReuse revokes a session durably, enforces it and records why; called with the session
   *     id when a rotated-away token is reused outside the grace window
   * @param auditor the audit record of a successful refresh of a session, stored with the rotation
   *     in one durable write; may answer {@code null} for none
   *
   * @throws SessiondException {@link ErrorCode#INVALID_REFRESH_TOKEN} for an unknown or malformed
   *     token, {@link ErrorCode#SESSION_NOT_ACTIVE} if its session ended, {@link
   *     ErrorCode#SESSION_BLACKLISTED} if its session is blacklisted, {@link
   *     ErrorCode#REFRESH_TOKEN_REUSED} for reuse (the session is then revoked)
   */
  public OpenedSession refresh(String presented, Predicate<SessionRecord> visible,
      Consumer<String> onReuse, Function<SessionRecord, AuditRecord> auditor) {
    if (!RefreshSecrets.isWellFormed(presented)) {
      throw invalid();
    }
    String hash = RefreshSecrets.hash(presented);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      RefreshToken token = tokens.findRefreshToken(hash).orElseThrow(RefreshRotation::invalid);
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      SessionRecord session = sessions.find(token.sessionId())
          .filter(visible)
          .orElseThrow(RefreshRotation::invalid);
      if (!session.isActiveAt(now)) {
        throw new SessiondException(ErrorCode.SESSION_NOT_ACTIVE, "the session has ended");
      }
      if (authority.isBlacklisted(session.tenantId(), session.id())) {
        throw new SessiondException(ErrorCode.SESSION_BLACKLISTED,
            "the session is blacklisted and cannot refresh until the ban lapses");
      }
      RefreshToken head = token.isCurrent() ? token : headWithinGrace(token, now, onReuse);
      String next = RefreshSecrets.generate();
      RefreshToken nextRow = new RefreshToken(RefreshSecrets.hash(next), session.id(), now, null);
      if (tokens.rotateRefreshToken(head.hash(), nextRow, now, auditor.apply(session))) {
        Instant expiresAt = now.plus(session.idleTimeout());
        if (expiresAt.isAfter(session.absoluteExpiresAt())) {
          expiresAt = session.absoluteExpiresAt();
        }
        SessionRecord touched = sessions.touch(session.id(), now, expiresAt).orElseThrow(() ->
            new SessiondException(ErrorCode.SESSION_NOT_ACTIVE, "the session has ended"));
        return new OpenedSession(Session.of(touched, now), authority.issue(touched, next, now));
      }
      // Another refresh of this family won the race; look again at where the family stands.
    }
    throw new SessiondException(ErrorCode.UNAVAILABLE, "too many concurrent refreshes; retry");
  }

  private RefreshToken headWithinGrace(RefreshToken rotated, Instant now,
      Consumer<String> onReuse) {
    if (rotated.rotatedAt().plus(grace).isBefore(now)) {
      LOG.warn("refresh token reuse detected; revoking session {}", rotated.sessionId());
      onReuse.accept(rotated.sessionId());
      throw new SessiondException(ErrorCode.REFRESH_TOKEN_REUSED,
          "this refresh token was already used; the session has been revoked");
    }
    return tokens.currentRefreshToken(rotated.sessionId()).orElseThrow(RefreshRotation::invalid);
  }

  private static SessiondException invalid() {
    return new SessiondException(ErrorCode.INVALID_REFRESH_TOKEN, "the refresh token is not valid");
  }
}
