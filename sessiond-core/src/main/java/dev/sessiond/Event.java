package dev.sessiond;

import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.Watermark;
import java.time.Instant;
import java.util.Objects;

/**
 * One state change on the event feed. It never holds a secret. Fields that do not apply to the
 * type are empty strings (and {@code until} is {@code null}), never {@code null}.
 *
 * @param seq the feed position the store gave it; only grows; 0 before the store appends it
 * @param type never {@code null}
 * @param at when the change took effect; for {@link EventType#WATERMARK_RAISED} the mark itself;
 *     never {@code null}
 * @param tenantId the tenant, or {@link AuditRecord#DEPLOYMENT} for changes of the whole
 *     deployment (signing keys, API keys of every tenant); never {@code null}
 * @param sessionId the session of a {@code session.*} event; otherwise empty
 * @param userId the session's user, or the watermark's user; empty otherwise and for a
 *     tenant-wide watermark
 * @param name the blacklisted name, signing key id, API key id or grant id; otherwise empty
 * @param reason why: the revoke or expiry reason, or the grant's new status ({@code revoked},
 *     {@code expired}); otherwise empty
 * @param until when a blacklist entry lapses; {@code null} for every other type
 */
public record Event(long seq, EventType type, Instant at, String tenantId, String sessionId,
    String userId, String name, String reason, Instant until) {
  public Event {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
    if ((type == EventType.BLACKLISTED) != (until != null)) {
      throw new IllegalArgumentException("until is set on blacklisted events, and only on them");
    }
  }

  /** {@code session.created} for a session just stored. */
  public static Event sessionCreated(SessionRecord session) {
    return new Event(0, EventType.SESSION_CREATED, session.loginAt(), session.tenantId(),
        session.id(), session.userId(), "", "", null);
  }

  /** {@code session.refreshed}: the session's refresh token was rotated at {@code at}. */
  public static Event sessionRefreshed(String tenantId, String sessionId, String userId,
      Instant at) {
    return new Event(0, EventType.SESSION_REFRESHED, at, tenantId, sessionId, userId, "", "",
        null);
  }

  /** {@code session.revoked}, at the ending's time with its reason. */
  public static Event sessionRevoked(String tenantId, String sessionId, String userId,
      Ending ending) {
    return new Event(0, EventType.SESSION_REVOKED, ending.at(), tenantId, sessionId, userId, "",
        ending.reason(), null);
  }

  /** {@code session.expired}, at the ending's time with its reason. */
  public static Event sessionExpired(String tenantId, String sessionId, String userId,
      Ending ending) {
    return new Event(0, EventType.SESSION_EXPIRED, ending.at(), tenantId, sessionId, userId, "",
        ending.reason(), null);
  }

  /** {@code blacklisted}, as {@code entry} was given. */
  public static Event blacklisted(BlacklistEntry entry) {
    return new Event(0, EventType.BLACKLISTED, entry.createdAt(), entry.tenantId(), "", "",
        entry.name(), "", entry.expiresAt());
  }

  /** {@code watermark.raised} to {@code mark}. */
  public static Event watermarkRaised(Watermark mark) {
    return new Event(0, EventType.WATERMARK_RAISED, mark.notBefore(), mark.tenantId(), "",
        mark.userId() == null ? "" : mark.userId(), "", "", null);
  }

  /** {@code signing_key.rotated}: key {@code kid} became active at {@code at}. */
  public static Event signingKeyRotated(String kid, Instant at) {
    return new Event(0, EventType.SIGNING_KEY_ROTATED, at, AuditRecord.DEPLOYMENT, "", "", kid,
        "", null);
  }

  /**
   * {@code api_key.revoked} for key {@code id} of {@code tenantId} ({@code
   * ApiKeyRecord.ALL_TENANTS}, {@code "*"}, for a key of every tenant, which makes it
   * deployment-wide).
   */
  public static Event apiKeyRevoked(String tenantId, String id, Instant at) {
    return new Event(0, EventType.API_KEY_REVOKED, at, tenantId, "", "", id, "", null);
  }

  /** {@code grant.ended}: grant {@code id} of {@code tenantId} took {@code status} at {@code at}. */
  public static Event grantEnded(String tenantId, String id, GrantStatus status, Instant at) {
    return new Event(0, EventType.GRANT_ENDED, at, tenantId, "", "", id,
        status.name().toLowerCase(java.util.Locale.ROOT), null);
  }

  /** This event at position {@code newSeq}. */
  public Event withSeq(long newSeq) {
    return new Event(newSeq, type, at, tenantId, sessionId, userId, name, reason, until);
  }

  /** Whether it belongs to the whole deployment rather than one tenant. */
  public boolean isDeploymentWide() {
    return AuditRecord.DEPLOYMENT.equals(tenantId);
  }
}
