package dev.sessiond.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in the listing order shared by every store: {@code loginAt} descending, then
 * {@code id} descending. Rows "after" a cursor are those that sort strictly later in that order.
 * Because new sessions sort first, paging forward is stable while sessions are added.
 *
 * @param loginAt never {@code null}
 * @param id never {@code null}
 */
public record Cursor(Instant loginAt, String id) {
  public Cursor {
    Objects.requireNonNull(loginAt, "loginAt");
    Objects.requireNonNull(id, "id");
  }

  /** The cursor that points at {@code record}. */
  public static Cursor of(SessionRecord record) {
    return new Cursor(record.loginAt(), record.id());
  }

  /** Whether {@code record} sorts strictly after this cursor. */
  public boolean precedes(SessionRecord record) {
    int byTime = record.loginAt().compareTo(loginAt);
    return byTime < 0 || (byTime == 0 && record.id().compareTo(id) < 0);
  }
}
