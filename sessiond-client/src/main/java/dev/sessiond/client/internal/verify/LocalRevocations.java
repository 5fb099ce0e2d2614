package dev.sessiond.client.internal.verify;

import dev.sessiond.client.verify.VerifiedSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the event feed said makes otherwise valid tokens stop verifying, mirroring the server's own
 * index: revoked session ids, blacklisted names (session ids or {@code jti}s) per tenant until they
 * lapse, and not-before watermarks per user and per tenant (whole seconds: a token whose {@code
 * iat} second is at or before the mark is rejected). Thread-safe; lookups never block.
 */
public final class LocalRevocations {
  /** Why a token is rejected. */
  public enum Rejection { SESSION_REVOKED, BLACKLISTED, WATERMARK }

  private static final char SEP = '\u0000';

  private final Duration revocationMemory;
  private final Map<String, Instant> revokedSessions = new ConcurrentHashMap<>();
  private final Map<String, Instant> blacklist = new ConcurrentHashMap<>();
  private final Map<String, Long> userMarks = new ConcurrentHashMap<>();
  private final Map<String, Long> tenantMarks = new ConcurrentHashMap<>();

  /**
   * @param revocationMemory how long a revoked session id is remembered after its revocation: at
   *     least the longest access-token lifetime in use, since its tokens stay unexpired that long
   */
  public LocalRevocations(Duration revocationMemory) {
    this.revocationMemory = revocationMemory;
  }

  /** Applies {@code event} if it is a revocation, blacklisting or watermark; ignores others. */
  public void apply(FeedEvent event) {
    switch (event.type()) {
      case FeedEvent.SESSION_REVOKED -> revokedSessions.merge(event.sessionId(),
          event.at().plus(revocationMemory), (a, b) -> a.isAfter(b) ? a : b);
      case FeedEvent.BLACKLISTED -> {
        if (event.until() != null) {
          blacklist.merge(key(event.tenantId(), event.name()), event.until(),
              (a, b) -> a.isAfter(b) ? a : b);
        }
      }
      case FeedEvent.WATERMARK_RAISED -> {
        long second = event.at().getEpochSecond();
        if (event.userId().isEmpty()) {
          tenantMarks.merge(event.tenantId(), second, Math::max);
        } else {
          userMarks.merge(key(event.tenantId(), event.userId()), second, Math::max);
        }
      }
      default -> { }
    }
  }

  /** Why {@code session} is rejected at {@code now}, or {@code null} if nothing here rejects it. */
  public Rejection rejection(VerifiedSession session, Instant now) {
    if (revokedSessions.containsKey(session.sessionId())) {
      return Rejection.SESSION_REVOKED;
    }
    if (isBlacklisted(session.tenantId(), session.sessionId(), now)
        || isBlacklisted(session.tenantId(), session.tokenId(), now)) {
      return Rejection.BLACKLISTED;
    }
    long issued = session.issuedAt().getEpochSecond();
    Long tenantMark = tenantMarks.get(session.tenantId());
    Long userMark = userMarks.get(key(session.tenantId(), session.userId()));
    if ((tenantMark != null && issued <= tenantMark) || (userMark != null && issued <= userMark)) {
      return Rejection.WATERMARK;
    }
    return null;
  }

  /** Forgets revoked sessions and blacklist entries that can no longer matter at {@code now}. */
  public void forgetExpired(Instant now) {
    revokedSessions.values().removeIf(until -> !until.isAfter(now));
    blacklist.values().removeIf(until -> !until.isAfter(now));
  }

  private boolean isBlacklisted(String tenantId, String name, Instant now) {
    Instant until = blacklist.get(key(tenantId, name));
    return until != null && until.isAfter(now);
  }

  private static String key(String tenantId, String name) {
    return tenantId + SEP + name;
  }
}
