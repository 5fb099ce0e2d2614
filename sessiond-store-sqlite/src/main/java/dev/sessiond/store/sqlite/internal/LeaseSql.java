package dev.sessiond.store.sqlite.internal;

/** The statements of the leases table. */
public final class LeaseSql {
  private LeaseSql() {}

  /**
   * Params: name, holder, until, now. Takes the lease if it is free, ended at or before now, or
   * already the holder's; updates one row exactly when it did.
   */
  public static final String TAKE = "INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)"
      + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until"
      + " WHERE leases.until <= ? OR leases.holder = excluded.holder";
}
