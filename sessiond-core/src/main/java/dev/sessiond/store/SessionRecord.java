package dev.sessiond.store;

import dev.sessiond.ClientType;
import dev.sessiond.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a store keeps about one session. Stores persist it field for field; the engine
 * decides every value. Instants are whole milliseconds (the engine truncates them), so every store
 * round-trips them exactly.
 *
 * @param id 64 lowercase hex characters, never {@code null}
 * @param tenantId never {@code null}
 * @param userId never {@code null}
 * @param username never {@code null}; may be empty
 * @param roles never {@code null}; may be empty; copied
 * @param clientType never {@code null}
 * @param deptName never {@code null}; empty when not captured
 * @param ip never {@code null}; empty when not captured
 * @param userAgent never {@code null}; the raw header, empty when not captured
 * @param browser never {@code null}; empty when unknown
 * @param os never {@code null}; empty when unknown
 * @param attributes never {@code null}; copied
 * @param loginAt when the session was opened
 * @param lastActiveAt the last recorded activity
 * @param expiresAt when it expires unless touched: the earlier of idle expiry and {@code absoluteExpiresAt}
 * @param absoluteExpiresAt the end of its absolute lifetime; touches never pass it
 * @param idleTimeout how far a touch pushes {@code expiresAt}
 * @param status the stored status; see {@link #statusAt(Instant)} for the effective one
 * @param ending how it ended; {@code null} while {@code status} is {@link SessionStatus#ACTIVE}
 * @param supportGrantId the support grant a global admin opened it under; never {@code null},
 *     empty for every other session
 */
public record SessionRecord(
    String id,
    String tenantId,
    String userId,
    String username,
    List<String> roles,
    ClientType clientType,
    String deptName,
    String ip,
    String userAgent,
    String browser,
    String os,
    Map<String, String> attributes,
    Instant loginAt,
    Instant lastActiveAt,
    Instant expiresAt,
    Instant absoluteExpiresAt,
    Duration idleTimeout,
    SessionStatus status,
    Ending ending,
    String supportGrantId) {

  public SessionRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(username, "username");
    roles = List.copyOf(roles);
    Objects.requireNonNull(clientType, "clientType");
    Objects.requireNonNull(deptName, "deptName");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(browser, "browser");
    Objects.requireNonNull(os, "os");
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(loginAt, "loginAt");
    Objects.requireNonNull(lastActiveAt, "lastActiveAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(absoluteExpiresAt, "absoluteExpiresAt");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(status, "status");
    if ((status == SessionStatus.ACTIVE) != (ending == null)) {
      throw new IllegalArgumentException("an ending is required exactly when the status is not active");
    }
    Objects.requireNonNull(supportGrantId, "supportGrantId");
  }

  /** A session opened under no support grant. */
  public SessionRecord(String id, String tenantId, String userId, String username,
      List<String> roles, ClientType clientType, String deptName, String ip, String userAgent,
      String browser, String os, Map<String, String> attributes, Instant loginAt,
      Instant lastActiveAt, Instant expiresAt, Instant absoluteExpiresAt, Duration idleTimeout,
      SessionStatus status, Ending ending) {
    this(id, tenantId, userId, username, roles, clientType, deptName, ip, userAgent, browser, os,
        attributes, loginAt, lastActiveAt, expiresAt, absoluteExpiresAt, idleTimeout, status,
        ending, "");
  }

  /**
   * The status as of {@code now}: a stored {@code ACTIVE} session whose {@code expiresAt} is not
   * after {@code now} is {@link SessionStatus#EXPIRED} even before a sweep marks it.
   */
  public SessionStatus statusAt(Instant now) {
    if (status == SessionStatus.ACTIVE && !expiresAt.isAfter(now)) {
      return SessionStatus.EXPIRED;
    }
    return status;
  }

  /** Whether the session is usable at {@code now}. */
  public boolean isActiveAt(Instant now) {
    return statusAt(now) == SessionStatus.ACTIVE;
  }

  /** This record with new activity and expiry times; everything else unchanged. */
  public SessionRecord withActivity(Instant newLastActiveAt, Instant newExpiresAt) {
    return new SessionRecord(id, tenantId, userId, username, roles, clientType, deptName, ip,
        userAgent, browser, os, attributes, loginAt, newLastActiveAt, newExpiresAt,
        absoluteExpiresAt, idleTimeout, status, ending, supportGrantId);
  }

  /** This record ended with {@code newStatus} (revoked or expired) and {@code newEnding}. */
  public SessionRecord withEnding(SessionStatus newStatus, Ending newEnding) {
    return new SessionRecord(id, tenantId, userId, username, roles, clientType, deptName, ip,
        userAgent, browser, os, attributes, loginAt, lastActiveAt, expiresAt, absoluteExpiresAt,
        idleTimeout, newStatus, Objects.requireNonNull(newEnding, "newEnding"), supportGrantId);
  }
}
