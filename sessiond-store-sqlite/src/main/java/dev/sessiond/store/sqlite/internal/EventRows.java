package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.TokenRows.instant;
import static dev.sessiond.store.sqlite.internal.TokenRows.millis;

import dev.sessiond.Event;
import dev.sessiond.EventType;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps {@link Event}s to rows of {@code events} and back. Instants are epoch milliseconds, the
 * type its wire name; {@code until} is SQL {@code NULL} when the event has none.
 */
public final class EventRows {
  /** The columns an append writes, in the order {@link #values} uses: all but {@code seq}. */
  public static final String APPENDED_COLUMNS =
      "at, type, tenant_id, session_id, user_id, name, reason, until";

  /** Every column, as {@link #event} reads them. */
  public static final String COLUMNS = "seq, " + APPENDED_COLUMNS;

  private EventRows() {}

  /** The column values of {@code event}, in {@link #APPENDED_COLUMNS} order; its seq is not kept. */
  public static Object[] values(Event event) {
    return new Object[] {
      event.at().toEpochMilli(), event.type().wireName(), event.tenantId(), event.sessionId(),
      event.userId(), event.name(), event.reason(), millis(event.until())
    };
  }

  /** Reads the current row, which selected {@link #COLUMNS}. */
  public static Event event(ResultSet rows) throws SQLException {
    EventType type = EventType.fromWireName(rows.getString("type"))
        .orElseThrow(() -> new SQLException("column type holds an unknown name"));
    return new Event(rows.getLong("seq"), type, instant(rows, "at"), rows.getString("tenant_id"),
        rows.getString("session_id"), rows.getString("user_id"), rows.getString("name"),
        rows.getString("reason"), instant(rows, "until"));
  }
}
