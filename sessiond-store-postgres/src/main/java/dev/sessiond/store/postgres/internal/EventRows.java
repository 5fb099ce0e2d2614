package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.instant;
import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.Event;
import dev.sessiond.EventType;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps {@link Event}s to rows of {@code events} and back: the type is its wire name, instants are
 * {@code timestamptz}, {@code until} is SQL {@code NULL} when the event has none.
 *
 * <p>Error messages name columns, never values: rows are not to appear in logs.
 */
public final class EventRows {
  /** The columns an append sets, in the order {@link #values} uses; seq comes from the table. */
  public static final String APPENDED_COLUMNS =
      "at, type, tenant_id, session_id, user_id, name, reason, until";

  /** Every column, as {@link #read} reads them. */
  public static final String COLUMNS = "seq, " + APPENDED_COLUMNS;

  private EventRows() {}

  /** The column values of {@code event}, in {@link #APPENDED_COLUMNS} order; its seq is unused. */
  public static Object[] values(Event event) {
    return new Object[] {
      timestamp(event.at()), event.type().wireName(), event.tenantId(), event.sessionId(),
      event.userId(), event.name(), event.reason(), timestamp(event.until())
    };
  }

  /**
   * Reads the current row, which selected {@link #COLUMNS}.
   *
   * @throws SQLException if the type is not a known wire name
   */
  public static Event read(ResultSet rows) throws SQLException {
    EventType type = EventType.fromWireName(rows.getString("type"))
        .orElseThrow(() -> new SQLException("column type holds an unknown event type"));
    return new Event(rows.getLong("seq"), type, instant(rows, "at"), rows.getString("tenant_id"),
        rows.getString("session_id"), rows.getString("user_id"), rows.getString("name"),
        rows.getString("reason"), instant(rows, "until"));
  }
}
