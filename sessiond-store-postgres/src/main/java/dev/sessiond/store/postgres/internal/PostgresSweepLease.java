package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.store.SweepLease;
import java.time.Instant;

/**
 * The sweep lease in PostgreSQL, for the store that owns {@code database}: one upsert in
 * autocommit, so of concurrent takes on any nodes exactly one wins a free lease.
 */
public final class PostgresSweepLease implements SweepLease {
  private final PostgresDatabase database;

  public PostgresSweepLease(PostgresDatabase database) {
    this.database = database;
  }

  @Override
  public boolean tryLease(String name, String holder, Instant now, Instant until) {
    SweepLease.checkLease(name, holder, now, until);
    return database.update(LeaseSql.TAKE, name, holder, timestamp(until), timestamp(now)) == 1;
  }
}
