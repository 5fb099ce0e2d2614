package dev.sessiond.store;

import dev.sessiond.ClientType;
import dev.sessiond.SessionStatus;
import java.util.Objects;

/**
 * A search inside one tenant. Every filter that is {@code null} matches everything. Results come in
 * the {@link Cursor} order.
 *
 * @param tenantId required
 * @param usernamePrefix matches usernames that start with it (case-sensitive); {@code null} for any
 * @param ip matches exactly; {@code null} for any
 * @param ipPrefix matches IPs that start with it; {@code null} for any
 * @param clientType {@code null} for any
 * @param status the effective status (see {@link SessionRecord#statusAt}); {@code null} for any
 * @param after only rows after this cursor; {@code null} from the start
 * @param limit the most rows to return, at least 1
 */
public record SessionQuery(
    String tenantId,
    String usernamePrefix,
    String ip,
    String ipPrefix,
    ClientType clientType,
    SessionStatus status,
    Cursor after,
    int limit) {

  public SessionQuery {
    Objects.requireNonNull(tenantId, "tenantId");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }

  /** Whether {@code record} passes every filter of this query at {@code now}, cursor included. */
  public boolean matches(SessionRecord record, java.time.Instant now) {
    return record.tenantId().equals(tenantId)
        && (usernamePrefix == null || record.username().startsWith(usernamePrefix))
        && (ip == null || record.ip().equals(ip))
        && (ipPrefix == null || record.ip().startsWith(ipPrefix))
        && (clientType == null || record.clientType() == clientType)
        && (status == null || record.statusAt(now) == status)
        && (after == null || after.precedes(record));
  }
}
