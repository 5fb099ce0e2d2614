package dev.sessiond.internal;

import dev.sessiond.VerifiedToken;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Watermark;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows makes otherwise valid tokens stop verifying, held in memory and checked on
 * every verification: revoked session ids, blacklisted names and {@code jti}s, and not-before
 * watermarks per user and per tenant. Entries are forgotten once no token they could cover can
 * still be valid. Thread-safe.
 *
 * <p>Watermarks compare at the precision of {@code iat}, whole seconds: a token issued in or
 * before the watermark's second is rejected. Tokens minted after a watermark therefore get an
 * {@code iat} of at least the following second ({@link #earliestIssueSecond}).
 */
public final class RevocationIndex {
  private static final char SEP = '\u0000';

  private final Map<String, Instant> revokedSessions = new ConcurrentHashMap<>();
  private final Map<String, Instant> blacklist = new ConcurrentHashMap<>();
  private final Map<String, Long> userMarks = new ConcurrentHashMap<>();
  private final Map<String, Long> tenantMarks = new ConcurrentHashMap<>();

  /** Records that session {@code sessionId} was revoked; remembered until {@code forgetAfter}. */
  public void sessionRevoked(String sessionId, Instant forgetAfter) {
    revokedSessions.merge(sessionId, forgetAfter, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Records a blacklist entry; remembered until it lapses. */
  public void blacklisted(BlacklistEntry entry) {
    blacklist.merge(key(entry.tenantId(), entry.name()), entry.expiresAt(),
        (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Records a watermark; only ever raises. */
  public void watermark(Watermark mark) {
    long second = mark.notBefore().getEpochSecond();
    if (mark.isTenantWide()) {
      tenantMarks.merge(mark.tenantId(), second, Math::max);
    } else {
      userMarks.merge(key(mark.tenantId(), mark.userId()), second, Math::max);
    }
  }

  /** Whether session {@code sessionId} is known to be revoked. */
  public boolean isSessionRevoked(String sessionId) {
    return revokedSessions.containsKey(sessionId);
  }

  /** Whether {@code name} is blacklisted in {@code tenantId} at {@code now}. */
  public boolean isBlacklisted(String tenantId, String name, Instant now) {
    Instant until = blacklist.get(key(tenantId, name));
    return until != null && until.isAfter(now);
  }

  /** Whether anything here rejects {@code token} at {@code now}. */
  public boolean rejects(VerifiedToken token, Instant now) {
    if (isSessionRevoked(token.sessionId())
        || isBlacklisted(token.tenantId(), token.sessionId(), now)
        || isBlacklisted(token.tenantId(), token.tokenId(), now)) {
      return true;
    }
    long issued = token.issuedAt().getEpochSecond();
    Long tenantMark = tenantMarks.get(token.tenantId());
    Long userMark = userMarks.get(key(token.tenantId(), token.subject()));
    return (tenantMark != null && issued <= tenantMark) || (userMark != null && issued <= userMark);
  }

  /** The earliest {@code iat} second a new token of this user may carry so no watermark rejects it. */
  public long earliestIssueSecond(String tenantId, String userId) {
    long tenant = tenantMarks.getOrDefault(tenantId, Long.MIN_VALUE);
    long user = userMarks.getOrDefault(key(tenantId, userId), Long.MIN_VALUE);
    long mark = Math.max(tenant, user);
    return mark == Long.MIN_VALUE ? Long.MIN_VALUE : mark + 1;
  }

  /** Forgets revoked sessions and blacklist entries that can no longer matter at {@code now}. */
  public void forgetExpired(Instant now) {
    revokedSessions.values().removeIf(until -> !until.isAfter(now));
    blacklist.values().removeIf(until -> !until.isAfter(now));
  }

  /** How many revoked sessions are remembered (for metrics and tests). */
  public int revokedSessionCount() {
    return revokedSessions.size();
  }

  private static String key(String tenantId, String name) {
    return tenantId + SEP + name;
  }
}
