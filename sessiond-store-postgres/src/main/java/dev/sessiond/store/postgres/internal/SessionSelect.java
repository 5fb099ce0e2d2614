package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.SessionStatus;
import dev.sessiond.store.Cursor;
import dev.sessiond.store.SessionQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant-scoped listing in the cursor order ({@code login_at DESC, id DESC}): its SQL and its
 * parameters. Every condition is one an index on {@code (tenant_id, ...)} can serve: prefixes are
 * ranges on the {@code COLLATE "C"} columns rather than {@code LIKE} (so {@code %} and {@code _}
 * match themselves), and the cursor is a row comparison on {@code (login_at, id)}.
 *
 * @param sql the statement, selecting {@link SessionRows#COLUMNS}
 * @param params its parameters, in order
 */
public record SessionSelect(String sql, List<Object> params) {
  public SessionSelect {
    params = List.copyOf(params);
  }

  /** The search {@code query} at {@code now}. */
  public static SessionSelect search(SessionQuery query, Instant now) {
    Builder b = new Builder(query.tenantId());
    if (query.usernamePrefix() != null) {
      b.prefix("username", query.usernamePrefix());
    }
    if (query.ip() != null) {
      b.where("ip = ?", query.ip());
    }
    if (query.ipPrefix() != null) {
      b.prefix("ip", query.ipPrefix());
    }
    if (query.clientType() != null) {
      b.where("client_type = ?", query.clientType().wireName());
    }
    b.status(query.status(), now);
    b.after(query.after());
    return b.build(query.limit());
  }

  /** One user's sessions, optionally of one effective status at {@code now}. */
  public static SessionSelect forUser(
      String tenantId, String userId, SessionStatus status, Instant now, int limit) {
    Builder b = new Builder(tenantId);
    b.where("user_id = ?", userId);
    b.status(status, now);
    return b.build(limit);
  }



  private static final class Builder {
    private final StringBuilder where = new StringBuilder("tenant_id = ?");
    private final List<Object> params = new ArrayList<>();

    Builder(String tenantId) {
      params.add(tenantId);
    }

    void where(String condition, Object... values) {
      where.append(" AND ").append(condition);
      params.addAll(List.of(values));
    }

    void prefix(String column, String prefix) {
      if (prefix.isEmpty()) {
        return;
      }
      where(column + " >= ?", prefix);
      String upper = SessionQuery.prefixEnd(prefix);
      if (upper != null) {
        where(column + " < ?", upper);
      }
    }

    void status(SessionStatus status, Instant now) {
      if (status == null) {
        return;
      }
      switch (status) {
        case ACTIVE -> where("status = 'active' AND expires_at > ?", timestamp(now));
        case EXPIRED -> where(
            "(status = 'expired' OR (status = 'active' AND expires_at <= ?))", timestamp(now));
        case REVOKED -> where("status = 'revoked'");
        default -> throw new IllegalArgumentException("unknown status");
      }
    }

    void after(Cursor cursor) {
      if (cursor != null) {
        where("(login_at, id) < (?, ?)", timestamp(cursor.loginAt()), cursor.id());
      }
    }

    SessionSelect build(int limit) {
      params.add(limit);
      return new SessionSelect("SELECT " + SessionRows.COLUMNS + " FROM sessions WHERE " + where
          + " ORDER BY login_at DESC, id DESC LIMIT ?", params);
    }
  }
}
