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

  /**
   * The least string greater than every string that starts with {@code prefix}, in code point
   * order (the order of SQLite's BINARY collation and of PostgreSQL's {@code "C"} collation), so a
   * store can turn a prefix filter into an index range {@code [prefix, prefixEnd(prefix))}.
   *
   * @return {@code null} if there is none (every code point of {@code prefix} is the largest)
   */
  public static String prefixEnd(String prefix) {
    int[] points = prefix.codePoints().toArray();
    int end = points.length;
    while (end > 0 && points[end - 1] == Character.MAX_CODE_POINT) {
      end--;
    }
    if (end == 0) {
      return null;
    }
    int next = points[end - 1] + 1;
    if (next == Character.MIN_SURROGATE) {
      next = Character.MAX_SURROGATE + 1;
    }
    points[end - 1] = next;
    return new String(points, 0, end);
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
