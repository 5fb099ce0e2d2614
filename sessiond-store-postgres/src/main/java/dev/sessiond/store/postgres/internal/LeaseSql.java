package dev.sessiond.store.postgres.internal;

/** The statements of the leases table. */
public final class LeaseSql {
  private LeaseSql() {}

  /**
   * Params: name, holder, until, now. Takes the lease if it is free, ended at or before now, or
   * already the holder's; changes one row exactly when it did. Concurrent takes of one name
   * serialize on its row, and each sees the row as the one before it left it.
   */
  public static final String TAKE = "INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)"
      + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until"
      + " WHERE leases.until <= ? OR leases.holder = excluded.holder";
}
