package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.instant;
import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.ClientType;
import dev.sessiond.Event;
import dev.sessiond.SessionStatus;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Maps {@link SessionRecord}s to rows of the {@code sessions} table and back. Instants are {@code
 * timestamptz}, roles {@code text[]}, attributes {@code jsonb} ({@link PgTypes}), enums their
 * lowercase wire names, the idle timeout whole milliseconds; a session opened under no support
 * grant has {@code support_grant_id} {@code ''}.
 *
 * <p>Error messages name columns, never values: rows are not to appear in logs.
 */
public final class SessionRows {
  /** Every column, in the order {@link #values} and {@link #read} use. */
  public static final String COLUMNS = "id, tenant_id, user_id, username, roles, client_type,"
      + " dept_name, ip, user_agent, browser, os, attributes, login_at, last_active_at,"
      + " expires_at, absolute_expires_at, idle_timeout_ms, status, ended_at, end_reason, ended_by,"
      + " support_grant_id";

  /** How many columns {@link #COLUMNS} names. */
  public static final int COLUMN_COUNT = 22;

  private SessionRows() {}

  /**
   * The column values of {@code record}, in {@link #COLUMNS} order; ending columns are {@code
   * null} while it is active.
   */
  public static Object[] values(SessionRecord record) {
    Ending ending = record.ending();
    return new Object[] {
      record.id(),
      record.tenantId(),
      record.userId(),
      record.username(),
      PgTypes.textArray(record.roles()),
      record.clientType().wireName(),
      record.deptName(),
      record.ip(),
      record.userAgent(),
      record.browser(),
      record.os(),
      PgTypes.jsonb(record.attributes(), "attributes"),
      timestamp(record.loginAt()),
      timestamp(record.lastActiveAt()),
      timestamp(record.expiresAt()),
      timestamp(record.absoluteExpiresAt()),
      record.idleTimeout().toMillis(),
      record.status().wireName(),
      ending == null ? null : timestamp(ending.at()),
      ending == null ? null : ending.reason(),
      ending == null ? null : ending.actor(),
      record.supportGrantId()
    };
  }

  /** Reads the current row of {@code rows}, which selected {@link #COLUMNS}. */
  public static SessionRecord read(ResultSet rows) throws SQLException {
    String reason = rows.getString("end_reason");
    Ending ending = reason == null
        ? null
        : new Ending(instant(rows, "ended_at"), reason, rows.getString("ended_by"));
    return new SessionRecord(
        rows.getString("id"),
        rows.getString("tenant_id"),
        rows.getString("user_id"),
        rows.getString("username"),
        PgTypes.textList(rows, "roles"),
        ClientType.fromWire(rows.getString("client_type"))
            .orElseThrow(() -> new SQLException("column client_type holds an unknown name")),
        rows.getString("dept_name"),
        rows.getString("ip"),
        rows.getString("user_agent"),
        rows.getString("browser"),
        rows.getString("os"),
        PgTypes.jsonbMap(rows, "attributes"),
        instant(rows, "login_at"),
        instant(rows, "last_active_at"),
        instant(rows, "expires_at"),
        instant(rows, "absolute_expires_at"),
        Duration.ofMillis(rows.getLong("idle_timeout_ms")),
        SessionStatus.fromWire(rows.getString("status"))
            .orElseThrow(() -> new SQLException("column status holds an unknown name")),
        ending,
        rows.getString("support_grant_id"));
  }

  /**
   * The params of a revoke ({@link SessionSql#REVOKE} and the like): the values of {@code ending}
   * for {@code ended_at, end_reason, ended_by}, then {@code conditions}.
   */
  public static Object[] revoke(Ending ending, Object... conditions) {
    Object[] params = new Object[3 + conditions.length];
    params[0] = timestamp(ending.at());
    params[1] = ending.reason();
    params[2] = ending.actor();
    System.arraycopy(conditions, 0, params, 3, conditions.length);
    return params;
  }

  /**
   * Reads the current row of a revoke, which returned {@link SessionSql#ENDED_COLUMNS}, as the
   * {@code session.revoked} event of {@code ending}.
   */
  public static RowReader<Event> revoked(Ending ending) {
    return rows -> Event.sessionRevoked(rows.getString("tenant_id"), rows.getString("id"),
        rows.getString("user_id"), ending);
  }

  /**
   * Reads the current row of an expiry, which returned {@link SessionSql#ENDED_COLUMNS} and the
   * ending's columns, as its {@code session.expired} event.
   */
  public static Event expired(ResultSet rows) throws SQLException {
    return Event.sessionExpired(rows.getString("tenant_id"), rows.getString("id"),
        rows.getString("user_id"), new Ending(instant(rows, "ended_at"),
            rows.getString("end_reason"), rows.getString("ended_by")));
  }
}
