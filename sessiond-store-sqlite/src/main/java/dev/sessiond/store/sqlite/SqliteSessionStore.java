package dev.sessiond.store.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessiond.ErrorCode;
import dev.sessiond.Event;
import dev.sessiond.GrantStatus;
import dev.sessiond.SessionLimit;
import dev.sessiond.SessionStatus;
import dev.sessiond.SessiondException;
import dev.sessiond.store.ApiKeyRecord;
import dev.sessiond.store.ApiKeyStore;
import dev.sessiond.store.AuditQuery;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.AuditStore;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Ending;
import dev.sessiond.store.EventLog;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.RefreshTokenStore;
import dev.sessiond.store.RevocationStore;
import dev.sessiond.store.RevokedSession;
import dev.sessiond.store.SessionLimitStore;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SessionStore;
import dev.sessiond.store.SessionSweeper;
import dev.sessiond.store.SigningKeyRecord;
import dev.sessiond.store.SigningKeyStore;
import dev.sessiond.store.SupportGrantRecord;
import dev.sessiond.store.SupportGrantStore;
import dev.sessiond.store.SweepLease;
import dev.sessiond.store.Watermark;
import dev.sessiond.store.sqlite.internal.EventSignal;
import dev.sessiond.store.sqlite.internal.GroupCommitWriter;
import dev.sessiond.store.sqlite.internal.ReadTask;
import dev.sessiond.store.sqlite.internal.SessionRows;
import dev.sessiond.store.sqlite.internal.SessionSelect;
import dev.sessiond.store.sqlite.internal.SessionSql;
import dev.sessiond.store.sqlite.internal.SqliteApiKeys;
import dev.sessiond.store.sqlite.internal.SqliteAuditLog;
import dev.sessiond.store.sqlite.internal.SqliteConnections;
import dev.sessiond.store.sqlite.internal.SqliteDatabase;
import dev.sessiond.store.sqlite.internal.SqliteEvents;
import dev.sessiond.store.sqlite.internal.SqliteRevocations;
import dev.sessiond.store.sqlite.internal.SqliteSessionEndings;
import dev.sessiond.store.sqlite.internal.SqliteSessionOpening;
import dev.sessiond.store.sqlite.internal.SqliteSupportGrants;
import dev.sessiond.store.sqlite.internal.SqliteSweepLease;
import dev.sessiond.store.sqlite.internal.SqliteTokenKeeping;
import dev.sessiond.store.sqlite.internal.StatementCache;
import dev.sessiond.store.sqlite.internal.WriteTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SessionStore} in one SQLite file, the embedded default, with every extra ability: it is
 * also a {@link SessionSweeper}, {@link RefreshTokenStore}, {@link SigningKeyStore}, {@link
 * RevocationStore}, {@link SessionLimitStore}, {@link ApiKeyStore}, {@link SupportGrantStore},
 * {@link AuditStore}, {@link SweepLease} and {@link EventLog}. The file is in WAL mode with {@code
 * synchronous=FULL}. Writes go through one writer thread that commits whatever is queued in one
 * transaction (group commit), so every write
 * returns only after it is synced to disk, and many concurrent writes share one sync. Reads use a
 * small pool of read-only connections and run alongside the writer.
 *
 * <p>Beyond {@link SessionStore}: a write or read that fails in SQLite throws a {@link
 * SessiondException} with {@link ErrorCode#UNAVAILABLE}, and so does every call after {@link
 * #close}. A {@code null} argument throws {@link NullPointerException}. Row contents never appear
 * in logs or exception messages. Instants are kept to the millisecond.
 *
 * <p>Refresh tokens go with their session when it is purged. Beyond {@link RefreshTokenStore}:
 * {@link #insertRefreshToken} throws {@link IllegalStateException} also if the session is not
 * stored or already has a current token; {@link #rotateRefreshToken} throws {@link
 * IllegalArgumentException} if {@code next} has a rotation time, and changes nothing (returns
 * {@code false}) if {@code next} names another session than the presented token or reuses a
 * stored hash. {@link #rotateSigningKey} throws {@link IllegalArgumentException} if {@code next} is
 * retired; {@link #raiseWatermark} if a user's watermark has an empty user id; {@link #endGrant}
 * if the status is {@link GrantStatus#ACTIVE}. A negative limit throws {@link
 * IllegalArgumentException}. {@link #activeSessionsUnderGrant} of an empty grant id finds none.
 *
 * <p>Each write appends its events (see {@link EventLog}) in its own transaction. Beyond {@link
 * EventLog}: {@link #eventsAfter} throws {@link IllegalArgumentException} for a limit below 1;
 * {@link #purgeEventsBefore} stops at the first event, in position order, that is not before the
 * cutoff. {@link #awaitEventsAfter} is woken at once by this store's writes; writes of another
 * process on the same file, such as the {@code sessiond apikey} command, it sees only when {@code
 * maxWait} ends and it returns, since callers read again then.
 */
public final class SqliteSessionStore implements SessionStore, SessionSweeper,
    RefreshTokenStore, SigningKeyStore, RevocationStore, SessionLimitStore, ApiKeyStore,
    SupportGrantStore, AuditStore, SweepLease, EventLog {
  private static final int IDS_PER_QUERY = 500;

  private final SqliteDatabase database;
  private final SqliteEvents events;
  private final SqliteSessionEndings endings;
  private final SqliteSessionOpening opening;
  private final SqliteTokenKeeping tokens;
  private final SqliteRevocations revocations;
  private final SqliteApiKeys apiKeys;
  private final SqliteSupportGrants grants;
  private final SqliteAuditLog audit;
  private final SqliteSweepLease leases;

  private SqliteSessionStore(SqliteDatabase database, EventSignal signal) {
    this.database = database;
    this.events = new SqliteEvents(database, signal);
    this.endings = new SqliteSessionEndings(database, events);
    this.opening = new SqliteSessionOpening(database, events, endings);
    this.tokens = new SqliteTokenKeeping(database, events);
    this.revocations = new SqliteRevocations(database, events);
    this.apiKeys = new SqliteApiKeys(database, events);
    this.grants = new SqliteSupportGrants(database, events);
    this.audit = new SqliteAuditLog(database);
    this.leases = new SqliteSweepLease(database);
  }

  /**
   * Opens the store in {@code file} with {@link SqliteOptions#DEFAULTS}, creating the file, its
   * parent directories and the schema if they do not exist, and upgrading the schema if it is old.
   *
   * @param file never {@code null}
   * @throws UncheckedIOException if the parent directories cannot be created
   * @throws SessiondException with {@link ErrorCode#UNAVAILABLE} if the file cannot be opened as a
   *     database or migrated
   */
  public static SqliteSessionStore open(Path file) {
    return open(file, SqliteOptions.DEFAULTS);
  }

  /**
   * Opens the store in {@code file}, as {@link #open(Path)} does, with {@code options}.
   *
   * @param file never {@code null}
   * @param options never {@code null}
   */
  public static SqliteSessionStore open(Path file, SqliteOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    Path absolute = file.toAbsolutePath();
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of the session store", e);
    }
    SqliteConnections connections = new SqliteConnections(absolute, options.busyTimeout());
    Connection writerConnection = null;
    HikariDataSource readers = null;
    try {
      connections.migrate();
      writerConnection = connections.openWriter();
      readers = connections.openReaders(options.readerPoolSize());
      StatementCache statements = new StatementCache(writerConnection);
      EventSignal signal = new EventSignal();
      return new SqliteSessionStore(new SqliteDatabase(
          new GroupCommitWriter(statements, options.maxBatchSize(), signal::committed), readers),
          signal);
    } catch (SQLException | RuntimeException e) {
      if (readers != null) {
        readers.close();
      }
      if (writerConnection != null) {
        try {
          writerConnection.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw SqliteDatabase.failure("the session store could not be opened", e);
    }
  }

  @Override
  public void insert(SessionRecord record) {
    opening.insert(record);
  }

  @Override
  public Optional<SessionRecord> find(String id) {
    Objects.requireNonNull(id, "id");
    return read(connection -> {
      try (PreparedStatement find = connection.prepareStatement(SessionSql.FIND)) {
        find.setString(1, id);
        try (ResultSet rows = find.executeQuery()) {
          return rows.next() ? Optional.of(SessionRows.read(rows)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<SessionRecord> findAll(Collection<String> ids) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
    distinct.forEach(id -> Objects.requireNonNull(id, "ids must not hold null"));
    if (distinct.isEmpty()) {
      return new ArrayList<>();
    }
    return read(connection -> {
      List<SessionRecord> found = new ArrayList<>();
      for (int from = 0; from < distinct.size(); from += IDS_PER_QUERY) {
        List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_QUERY));
        try (PreparedStatement select = connection.prepareStatement(SessionSql.findAll(chunk.size()))) {
          for (int i = 0; i < chunk.size(); i++) {
            select.setString(i + 1, chunk.get(i));
          }
          try (ResultSet rows = select.executeQuery()) {
            found.addAll(SessionRows.readAll(rows));
          }
        }
      }
      return found;
    });
  }

  @Override
  public Optional<SessionRecord> touch(String id, Instant lastActiveAt, Instant expiresAt) {
    Objects.requireNonNull(id, "id");
    long last = lastActiveAt.toEpochMilli();
    long expires = expiresAt.toEpochMilli();
    return write(statements -> {
      PreparedStatement touch = statements.prepare(SessionSql.TOUCH);
      touch.setLong(1, last);
      touch.setLong(2, expires);
      touch.setString(3, id);
      touch.setLong(4, last);
      try (ResultSet rows = touch.executeQuery()) {
        return rows.next() ? Optional.of(SessionRows.read(rows)) : Optional.empty();
      }
    });
  }

  @Override
  public boolean revoke(String id, Ending ending) {
    return endings.revoke(id, ending);
  }

  @Override
  public List<String> revokeAllForUser(String tenantId, String userId, Ending ending) {
    return endings.revokeAllForUser(tenantId, userId, ending);
  }

  @Override
  public List<SessionRecord> listForUser(
      String tenantId, String userId, SessionStatus status, Instant now, int limit) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(now, "now");
    SqliteDatabase.limit(limit);
    return select(SessionSelect.forUser(tenantId, userId, status, now, limit));
  }

  @Override
  public List<SessionRecord> search(SessionQuery query, Instant now) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(now, "now");
    return select(SessionSelect.search(query, now));
  }

  @Override
  public int expireDue(Instant now, int limit) {
    return endings.expireDue(now, limit);
  }

  @Override
  public int purgeEndedBefore(Instant cutoff, int limit) {
    return database.update(SessionSql.PURGE_ENDED, cutoff.toEpochMilli(),
        SqliteDatabase.limit(limit));
  }

  @Override
  public void insertWithRefreshToken(SessionRecord session, RefreshToken first,
      AuditRecord audit) {
    opening.insertWithRefreshToken(session, first, audit);
  }

  @Override
  public Outcome insertWithinLimit(SessionRecord session, RefreshToken first, SessionLimit limit,
      Ending eviction, AuditRecord audit) {
    return opening.insertWithinLimit(session, first, limit, eviction, audit);
  }

  @Override
  public void insertRefreshToken(RefreshToken token) {
    tokens.insertRefreshToken(token);
  }

  @Override
  public Optional<RefreshToken> findRefreshToken(String hash) {
    return tokens.findRefreshToken(hash);
  }

  @Override
  public Optional<RefreshToken> currentRefreshToken(String sessionId) {
    return tokens.currentRefreshToken(sessionId);
  }

  @Override
  public boolean rotateRefreshToken(String presentedHash, RefreshToken next, Instant now,
      AuditRecord audit) {
    return tokens.rotateRefreshToken(presentedHash, next, now, audit);
  }

  @Override
  public void rotateSigningKey(SigningKeyRecord next, Instant now) {
    tokens.rotateSigningKey(next, now);
  }

  @Override
  public List<SigningKeyRecord> signingKeys() {
    return tokens.signingKeys();
  }

  @Override
  public int deleteSigningKeysRetiredBefore(Instant cutoff) {
    return tokens.deleteSigningKeysRetiredBefore(cutoff);
  }

  @Override
  public void blacklist(BlacklistEntry entry) {
    revocations.blacklist(entry);
  }

  @Override
  public Optional<BlacklistEntry> findBlacklistEntry(String tenantId, String name, Instant now) {
    return revocations.findBlacklistEntry(tenantId, name, now);
  }

  @Override
  public List<BlacklistEntry> blacklistEntries(Instant now) {
    return revocations.blacklistEntries(now);
  }

  @Override
  public int purgeBlacklist(Instant now, int limit) {
    return revocations.purgeBlacklist(now, limit);
  }

  @Override
  public void raiseWatermark(Watermark watermark) {
    revocations.raiseWatermark(watermark);
  }

  @Override
  public List<Watermark> watermarks() {
    return revocations.watermarks();
  }

  @Override
  public List<String> revokeTenantSessions(String tenantId, Ending ending, int limit) {
    return revocations.revokeTenantSessions(tenantId, ending, limit);
  }

  @Override
  public List<RevokedSession> sessionsRevokedSince(Instant since) {
    return revocations.sessionsRevokedSince(since);
  }

  @Override
  public void putApiKey(ApiKeyRecord key) {
    apiKeys.putApiKey(key);
  }

  @Override
  public Optional<ApiKeyRecord> findApiKey(String id) {
    return apiKeys.findApiKey(id);
  }

  @Override
  public List<ApiKeyRecord> apiKeys(int limit) {
    return apiKeys.apiKeys(limit);
  }

  @Override
  public boolean revokeApiKey(String id, Instant at) {
    return apiKeys.revokeApiKey(id, at);
  }

  @Override
  public void insertGrant(SupportGrantRecord grant) {
    grants.insertGrant(grant);
  }

  @Override
  public Optional<SupportGrantRecord> findGrant(String tenantId, String id) {
    return grants.findGrant(tenantId, id);
  }

  @Override
  public List<SupportGrantRecord> grants(String tenantId, int limit) {
    return grants.grants(tenantId, limit);
  }

  @Override
  public List<SupportGrantRecord> activeGrants(String tenantId, Instant now) {
    return grants.activeGrants(tenantId, now);
  }

  @Override
  public boolean endGrant(String id, GrantStatus status, Instant at, String actor) {
    return grants.endGrant(id, status, at, actor);
  }

  @Override
  public List<SupportGrantRecord> grantsDueToExpire(Instant now, int limit) {
    return grants.grantsDueToExpire(now, limit);
  }

  @Override
  public List<String> activeSessionsUnderGrant(String grantId, int limit) {
    return grants.activeSessionsUnderGrant(grantId, limit);
  }

  @Override
  public long appendAudit(AuditRecord record) {
    return audit.appendAudit(record);
  }

  @Override
  public List<AuditRecord> audit(AuditQuery query) {
    return audit.audit(query);
  }

  @Override
  public int purgeAuditBefore(Instant cutoff, int limit) {
    return audit.purgeAuditBefore(cutoff, limit);
  }

  @Override
  public boolean tryLease(String name, String holder, Instant now, Instant until) {
    return leases.tryLease(name, holder, now, until);
  }

  @Override
  public List<Event> eventsAfter(long after, int limit) {
    return events.eventsAfter(after, limit);
  }

  @Override
  public void awaitEventsAfter(long after, Duration maxWait) throws InterruptedException {
    events.awaitEventsAfter(after, maxWait);
  }

  @Override
  public long lastEventSeq() {
    return events.lastEventSeq();
  }

  @Override
  public long purgedThrough() {
    return events.purgedThrough();
  }

  @Override
  public int purgeEventsBefore(Instant cutoff, int limit) {
    return events.purgeEventsBefore(cutoff, limit);
  }

  /** Finishes the queued writes, then closes the writer and the readers. Does nothing if closed. */
  @Override
  public void close() {
    database.close();
  }

  /** The writer, for tests that look at its commit counts. */
  GroupCommitWriter writer() {
    return database.writer();
  }

  private <T> T write(WriteTask<T> task) {
    return database.write(task);
  }

  private List<SessionRecord> select(SessionSelect select) {
    return read(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(select.sql())) {
        select.bind(statement);
        try (ResultSet rows = statement.executeQuery()) {
          return SessionRows.readAll(rows);
        }
      }
    });
  }

  private <T> T read(ReadTask<T> task) {
    return database.read(task);
  }

}
