package dev.sessiond.store.sqlite.internal;

import dev.sessiond.ClientType;
import dev.sessiond.SessionStatus;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@link SessionRecord}s to rows of the {@code sessions} table and back. Instants are epoch
 * milliseconds, roles and attributes JSON text ({@link JsonColumns}), enums their lowercase wire
 * names; a session opened under no support grant has {@code support_grant_id} {@code ''}.
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
      JsonColumns.write(record.roles(), "roles"),
      record.clientType().wireName(),
      record.deptName(),
      record.ip(),
      record.userAgent(),
      record.browser(),
      record.os(),
      JsonColumns.write(record.attributes(), "attributes"),
      record.loginAt().toEpochMilli(),
      record.lastActiveAt().toEpochMilli(),
      record.expiresAt().toEpochMilli(),
      record.absoluteExpiresAt().toEpochMilli(),
      record.idleTimeout().toMillis(),
      record.status().wireName(),
      ending == null ? null : ending.at().toEpochMilli(),
      ending == null ? null : ending.reason(),
      ending == null ? null : ending.actor(),
      record.supportGrantId()
    };
  }

  /** Reads every remaining row of {@code rows}, which selected {@link #COLUMNS}. Never {@code null}. */
  public static List<SessionRecord> readAll(ResultSet rows) throws SQLException {
    List<SessionRecord> records = new ArrayList<>();
    while (rows.next()) {
      records.add(read(rows));
    }
    return records;
  }

  /** Reads the current row of {@code rows}, which selected {@link #COLUMNS}. */
  public static SessionRecord read(ResultSet rows) throws SQLException {
    long endedAt = rows.getLong("ended_at");
    Ending ending = rows.wasNull()
        ? null
        : new Ending(Instant.ofEpochMilli(endedAt), rows.getString("end_reason"),
            rows.getString("ended_by"));
    return new SessionRecord(
        rows.getString("id"),
        rows.getString("tenant_id"),
        rows.getString("user_id"),
        rows.getString("username"),
        JsonColumns.readList(rows.getString("roles"), "roles"),
        ClientType.fromWire(rows.getString("client_type"))
            .orElseThrow(() -> new SQLException("column client_type holds an unknown name")),
        rows.getString("dept_name"),
        rows.getString("ip"),
        rows.getString("user_agent"),
        rows.getString("browser"),
        rows.getString("os"),
        JsonColumns.readMap(rows.getString("attributes"), "attributes"),
        Instant.ofEpochMilli(rows.getLong("login_at")),
        Instant.ofEpochMilli(rows.getLong("last_active_at")),
        Instant.ofEpochMilli(rows.getLong("expires_at")),
        Instant.ofEpochMilli(rows.getLong("absolute_expires_at")),
        Duration.ofMillis(rows.getLong("idle_timeout_ms")),
        SessionStatus.fromWire(rows.getString("status"))
            .orElseThrow(() -> new SQLException("column status holds an unknown name")),
        ending,
        rows.getString("support_grant_id"));
  }

  /** Binds an ending to parameters 1 to 3 ({@code ended_at, end_reason, ended_by}) of a revoke. */
  public static void bindEnding(PreparedStatement revoke, Ending ending) throws SQLException {
    revoke.setLong(1, ending.at().toEpochMilli());
    revoke.setString(2, ending.reason());
    revoke.setString(3, ending.actor());
  }
}
