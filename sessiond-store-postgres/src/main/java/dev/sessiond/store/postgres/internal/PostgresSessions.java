package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.SessionStatus;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SessionSweeper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The session rows in PostgreSQL, for the store that owns {@code database}: the {@link
 * dev.sessiond.store.SessionStore} operations and the {@link SessionSweeper}. Each is one
 * statement, committed on its own; every conditional write states its condition in SQL ({@link
 * SessionSql}). Beyond the interfaces: a {@code null} argument throws {@link
 * NullPointerException}, a negative limit {@link IllegalArgumentException}.
 */
public final class PostgresSessions implements SessionSweeper {
  private final PostgresDatabase database;

  public PostgresSessions(PostgresDatabase database) {
    this.database = database;
  }

  /** See {@link dev.sessiond.store.SessionStore#insert}. */
  public void insert(SessionRecord record) {
    Object[] values = SessionRows.values(Objects.requireNonNull(record, "record"));
    if (database.update(SessionSql.INSERT, values) != 1) {
      throw new IllegalStateException("a session with this id exists");
    }
  }

  /** See {@link dev.sessiond.store.SessionStore#find}. */
  public Optional<SessionRecord> find(String id) {
    Objects.requireNonNull(id, "id");
    return database.queryFirst(SessionSql.FIND, SessionRows::read, id);
  }

  /** See {@link dev.sessiond.store.SessionStore#findAll}: one query, whatever the number of ids. */
  public List<SessionRecord> findAll(Collection<String> ids) {
    LinkedHashSet<String> distinct = new LinkedHashSet<>(ids);
    distinct.forEach(id -> Objects.requireNonNull(id, "ids must not hold null"));
    if (distinct.isEmpty()) {
      return new ArrayList<>();
    }
    return database.query(SessionSql.FIND_ALL, SessionRows::read,
        (Object) PgTypes.textArray(distinct));
  }

  /** See {@link dev.sessiond.store.SessionStore#touch}. */
  public Optional<SessionRecord> touch(String id, Instant lastActiveAt, Instant expiresAt) {
    Objects.requireNonNull(id, "id");
    Object last = timestamp(Objects.requireNonNull(lastActiveAt, "lastActiveAt"));
    Object expires = timestamp(Objects.requireNonNull(expiresAt, "expiresAt"));
    return database.updateReturning(SessionSql.TOUCH, SessionRows::read, last, expires, id, last)
        .stream().findFirst();
  }

  /** See {@link dev.sessiond.store.SessionStore#revoke}. */
  public boolean revoke(String id, Ending ending) {
    Objects.requireNonNull(id, "id");
    return database.update(SessionSql.REVOKE,
        SessionRows.revoke(ending, id, timestamp(ending.at()))) == 1;
  }

  /** See {@link dev.sessiond.store.SessionStore#revokeAllForUser}. */
  public List<String> revokeAllForUser(String tenantId, String userId, Ending ending) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userId, "userId");
    return database.updateReturning(SessionSql.REVOKE_USER, rows -> rows.getString(1),
        SessionRows.revoke(ending, tenantId, userId, timestamp(ending.at())));
  }

  /** See {@link dev.sessiond.store.SessionStore#listForUser}. */
  public List<SessionRecord> listForUser(
      String tenantId, String userId, SessionStatus status, Instant now, int limit) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(now, "now");
    return select(SessionSelect.forUser(tenantId, userId, status, now,
        PostgresDatabase.limit(limit)));
  }

  /** See {@link dev.sessiond.store.SessionStore#search}. */
  public List<SessionRecord> search(SessionQuery query, Instant now) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(now, "now");
    return select(SessionSelect.search(query, now));
  }

  @Override
  public int expireDue(Instant now, int limit) {
    return database.update(SessionSql.EXPIRE_DUE, timestamp(Objects.requireNonNull(now, "now")),
        PostgresDatabase.limit(limit), Ending.ABSOLUTE_LIFETIME, Ending.IDLE_TIMEOUT,
        Ending.SYSTEM);
  }

  @Override
  public int purgeEndedBefore(Instant cutoff, int limit) {
    return database.update(SessionSql.PURGE_ENDED,
        timestamp(Objects.requireNonNull(cutoff, "cutoff")), PostgresDatabase.limit(limit));
  }

  private List<SessionRecord> select(SessionSelect select) {
    return database.query(select.sql(), SessionRows::read, select.params().toArray());
  }
}
