package dev.sessiond.store.sqlite.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.Map;

/**
 * Maps {@link SessionRecord}s to rows of the {@code sessions} table and back. Instants are epoch
 * milliseconds, roles and attributes JSON text, enums their lowercase wire names.
 *
 * <p>Error messages name columns, never values: rows are not to appear in logs.
 */
public final class SessionRows {
  /** Every column, in the order {@link #values} and {@link #read} use. */
  public static final String COLUMNS = "id, tenant_id, user_id, username, roles, client_type,"
      + " dept_name, ip, user_agent, browser, os, attributes, login_at, last_active_at,"
      + " expires_at, absolute_expires_at, idle_timeout_ms, status, ended_at, end_reason, ended_by";

  /** How many columns {@link #COLUMNS} names. */
  public static final int COLUMN_COUNT = 21;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectReader ROLES_READER =
      MAPPER.readerFor(new TypeReference<List<String>>() {});
  private static final ObjectReader ATTRIBUTES_READER =
      MAPPER.readerFor(new TypeReference<Map<String, String>>() {});
  private static final ObjectWriter JSON_WRITER =
      MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

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
      json(record.roles(), "roles"),
      record.clientType().wireName(),
      record.deptName(),
      record.ip(),
      record.userAgent(),
      record.browser(),
      record.os(),
      json(record.attributes(), "attributes"),
      record.loginAt().toEpochMilli(),
      record.lastActiveAt().toEpochMilli(),
      record.expiresAt().toEpochMilli(),
      record.absoluteExpiresAt().toEpochMilli(),
      record.idleTimeout().toMillis(),
      record.status().wireName(),
      ending == null ? null : ending.at().toEpochMilli(),
      ending == null ? null : ending.reason(),
      ending == null ? null : ending.actor()
    };
  }

  /** Binds {@code values} to parameters 1..n of {@code statement}. */
  public static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
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
        parse(ROLES_READER, rows.getString("roles"), "roles"),
        ClientType.fromWire(rows.getString("client_type"))
            .orElseThrow(() -> new SQLException("column client_type holds an unknown name")),
        rows.getString("dept_name"),
        rows.getString("ip"),
        rows.getString("user_agent"),
        rows.getString("browser"),
        rows.getString("os"),
        parse(ATTRIBUTES_READER, rows.getString("attributes"), "attributes"),
        Instant.ofEpochMilli(rows.getLong("login_at")),
        Instant.ofEpochMilli(rows.getLong("last_active_at")),
        Instant.ofEpochMilli(rows.getLong("expires_at")),
        Instant.ofEpochMilli(rows.getLong("absolute_expires_at")),
        Duration.ofMillis(rows.getLong("idle_timeout_ms")),
        SessionStatus.fromWire(rows.getString("status"))
            .orElseThrow(() -> new SQLException("column status holds an unknown name")),
        ending);
  }

  private static String json(Object value, String column) {
    try {
      return JSON_WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Strings, lists and maps of strings always serialize; say which column, not what it held.
      throw new IllegalArgumentException("cannot write column " + column + " as JSON");
    }
  }

  private static <T> T parse(ObjectReader reader, String json, String column) throws SQLException {
    try {
      return reader.readValue(json);
    } catch (JsonProcessingException e) {
      throw new SQLException("column " + column + " holds malformed JSON");
    }
  }

  /** Binds an ending to parameters 1 to 3 ({@code ended_at, end_reason, ended_by}) of a revoke. */
  public static void bindEnding(PreparedStatement revoke, Ending ending) throws SQLException {
    revoke.setLong(1, ending.at().toEpochMilli());
    revoke.setString(2, ending.reason());
    revoke.setString(3, ending.actor());
  }
}
