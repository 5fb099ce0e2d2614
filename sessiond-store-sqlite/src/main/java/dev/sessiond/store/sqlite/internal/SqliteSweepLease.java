package dev.sessiond.store.sqlite.internal;

import dev.sessiond.store.SweepLease;
import java.time.Instant;

/**
 * The sweep lease in the SQLite file, for the store that owns {@code database}. Every take is one
 * statement on the single writer, so takes are serialized across every process that writes the
 * file. Instants are kept to the millisecond.
 */
public final class SqliteSweepLease implements SweepLease {
  private final SqliteDatabase database;

  public SqliteSweepLease(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public boolean tryLease(String name, String holder, Instant now, Instant until) {
    SweepLease.checkLease(name, holder, now, until);
    return database.update(LeaseSql.TAKE, name, holder, until.toEpochMilli(),
        now.toEpochMilli()) == 1;
  }
}
