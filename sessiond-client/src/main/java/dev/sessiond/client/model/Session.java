package dev.sessiond.client.model;

import java.time.Instant;
import java.util.List;

/**
 * A session as the API shows it. Every member is present: the strings the server leaves blank
 * ({@code username}, {@code deptName}, {@code ip}, {@code browser}, {@code os}) are empty, never
 * {@code null}; {@code roles} is empty when none were given.
 *
 * @param id 64 lowercase hex characters; a handle to show admins, never a credential
 * @param lastActiveAt may lag real activity by the server's touch interval
 * @param expiresAt when it expires unless touched
 * @param status its effective status at the time of the answer
 */
public record Session(String id, String tenantId, String userId, String username,
    ClientType clientType, String deptName, String ip, String browser, String os,
    Instant loginAt, Instant lastActiveAt, Instant expiresAt, SessionStatus status,
    List<String> roles) {
  public Session {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  /** Whether {@link #status()} is {@link SessionStatus#ACTIVE}. */
  public boolean isActive() {
    return status == SessionStatus.ACTIVE;
  }
}
