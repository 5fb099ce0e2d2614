package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.Event;
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
import java.util.stream.Collectors;

/**
 * The session rows in PostgreSQL, for the store that owns {@code database}: the {@link
 * dev.sessiond.store.SessionStore} operations and the {@link SessionSweeper}. Each read is one
 * statement; each write is one statement, plus the append of the events it reports ({@link
 * PostgresEvents#append}) in the same transaction. Every conditional write states its condition in
 * SQL ({@link SessionSql}). Beyond the interfaces: a {@code null} argument throws {@link
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
    database.transaction(connection -> {
      if (PostgresDatabase.update(connection, SessionSql.INSERT, values) != 1) {
        throw new IllegalStateException("a session with this id exists");
      }
      PostgresEvents.append(connection, List.of(Event.sessionCreated(record)));
      return null;
    });
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
    return !revokeReporting(database, SessionSql.REVOKE, ending,
        SessionRows.revoke(ending, id, timestamp(ending.at()))).isEmpty();
  }

  /** See {@link dev.sessiond.store.SessionStore#revokeAllForUser}. */
  public List<String> revokeAllForUser(String tenantId, String userId, Ending ending) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userId, "userId");
    return revokeReporting(database, SessionSql.REVOKE_USER, ending,
        SessionRows.revoke(ending, tenantId, userId, timestamp(ending.at())));
  }

  /**
   * Runs the revoke {@code sql} with {@code params} and appends a {@code session.revoked} of
   * {@code ending} for each session it revoked, in one transaction.
   *
   * @param sql a statement that returns the {@link SessionSql#ENDED_COLUMNS} of what it revoked
   * @return the ids of the sessions it revoked; never {@code null}
   */
  static List<String> revokeReporting(PostgresDatabase database, String sql, Ending ending,
      Object... params) {
    return database.transaction(connection -> {
      List<Event> revoked =
          PostgresDatabase.query(connection, sql, SessionRows.revoked(ending), params);
      PostgresEvents.append(connection, revoked);
      return revoked.stream().map(Event::sessionId).collect(Collectors.toList());
    });
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
    Object at = timestamp(Objects.requireNonNull(now, "now"));
    int batch = PostgresDatabase.limit(limit);
    return database.transaction(connection -> {
      List<Event> expired = PostgresDatabase.query(connection, SessionSql.EXPIRE_DUE,
          SessionRows::expired, at, batch, Ending.ABSOLUTE_LIFETIME, Ending.IDLE_TIMEOUT,
          Ending.SYSTEM);
      PostgresEvents.append(connection, expired);
      return expired.size();
    });
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
