package dev.sessiond.store.postgres.internal;

import dev.sessiond.Event;
import dev.sessiond.SessionLimit;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SessionLimitStore.Outcome;
import dev.sessiond.store.SessionRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Opens sessions under a per-user limit in PostgreSQL. Each limited open is one transaction that
 * first takes a transaction-scoped advisory lock on the (tenant, user) pair, then counts, evicts
 * and inserts. Every node's limited opens of one user therefore run one at a time, and each counts
 * after the previous one committed (under READ COMMITTED every statement sees what committed
 * before it began), so concurrent opens never leave more than the limit. Opens of other users do
 * not wait; the lock goes with the transaction, also when a connection dies. The evictions'
 * {@code session.revoked} events and the {@code session.created} one are appended last, in that
 * order, in the same transaction; a refused open appends none.
 */
public final class PostgresSessionLimits {
  /**
   * Params: the lock key. A 64-bit hash of the key; two keys that collide only make their opens
   * wait for each other.
   */
  private static final String LOCK_USER = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";

  private final PostgresDatabase database;

  public PostgresSessionLimits(PostgresDatabase database) {
    this.database = database;
  }

  /** See {@link dev.sessiond.store.SessionLimitStore#insertWithinLimit}. */
  public Outcome insertWithinLimit(SessionRecord session, RefreshToken first, SessionLimit limit,
      Ending eviction, AuditRecord audit) {
    SessionOpening opening = new SessionOpening(session, first, audit);
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(eviction, "eviction");
    Object at = PgTypes.timestamp(eviction.at());
    return database.transaction(connection -> {
      PostgresDatabase.query(connection, LOCK_USER, rows -> true, lockKey(session));
      List<String> active = activeSessions(connection, session, limit);
      int excess = active.size() - limit.maxSessions() + 1;
      if (excess > 0 && limit.policy() == SessionLimit.Policy.DENY_NEW) {
        return new Outcome(false, List.of());
      }
      List<Event> events = new ArrayList<>();
      for (String id : active.subList(0, Math.max(0, excess))) {
        events.addAll(PostgresDatabase.query(connection, SessionSql.REVOKE,
            SessionRows.revoked(eviction), SessionRows.revoke(eviction, id, at)));
      }
      List<String> evicted = events.stream().map(Event::sessionId).toList();
      opening.storeIn(connection);
      events.add(opening.created());
      PostgresEvents.append(connection, events);
      return new Outcome(true, evicted);
    });
  }

  /** The user's active sessions at the new session's login, oldest first. */
  private static List<String> activeSessions(Connection connection, SessionRecord session,
      SessionLimit limit) throws SQLException {
    Object now = PgTypes.timestamp(session.loginAt());
    return limit.perClientType()
        ? PostgresDatabase.query(connection, SessionSql.ACTIVE_FOR_USER_AND_TYPE,
            rows -> rows.getString(1), session.tenantId(), session.userId(), now,
            session.clientType().wireName())
        : PostgresDatabase.query(connection, SessionSql.ACTIVE_FOR_USER,
            rows -> rows.getString(1), session.tenantId(), session.userId(), now);
  }

  /** The key of the user's lock: unambiguous, whatever characters tenant and user hold. */
  private static String lockKey(SessionRecord session) {
    return "sessiond.session-limit:" + session.tenantId().length() + ":" + session.tenantId()
        + ":" + session.userId();
  }
}
