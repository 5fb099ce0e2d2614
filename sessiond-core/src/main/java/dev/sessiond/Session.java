package dev.sessiond;

import dev.sessiond.store.SessionRecord;
import java.time.Instant;
import java.util.List;

/**
 * What callers see of a session: who, from where, since when, and whether it is still active. It
 * exposes no storage or token internals.
 *
 * @param id 64 lowercase hex characters; a public handle, never a credential
 * @param tenantId never {@code null}
 * @param userId never {@code null}
 * @param username never {@code null}; may be empty
 * @param clientType never {@code null}
 * @param deptName never {@code null}; empty when not captured
 * @param ip never {@code null}; empty when not captured
 * @param browser never {@code null}; empty when unknown
 * @param os never {@code null}; empty when unknown
 * @param loginAt when it was opened
 * @param lastActiveAt the last recorded activity (may lag real activity by the touch interval)
 * @param expiresAt when it expires unless touched
 * @param status the effective status at the time the view was made
 * @param roles never {@code null}; may be empty
 */
public record Session(
    String id,
    String tenantId,
    String userId,
    String username,
    ClientType clientType,
    String deptName,
    String ip,
    String browser,
    String os,
    Instant loginAt,
    Instant lastActiveAt,
    Instant expiresAt,
    SessionStatus status,
    List<String> roles) {

  public Session {
    roles = List.copyOf(roles);
  }

  /** The view of {@code record} as of {@code now}. */
  public static Session of(SessionRecord record, Instant now) {
    return new Session(record.id(), record.tenantId(), record.userId(), record.username(),
        record.clientType(), record.deptName(), record.ip(), record.browser(), record.os(),
        record.loginAt(), record.lastActiveAt(), record.expiresAt(), record.statusAt(now),
        record.roles());
  }

  /** Whether the session was active when this view was made. */
  public boolean isActive() {
    return status == SessionStatus.ACTIVE;
  }
}
