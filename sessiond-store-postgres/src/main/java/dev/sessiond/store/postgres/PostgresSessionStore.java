package dev.sessiond.store.postgres;

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
import dev.sessiond.store.postgres.internal.PostgresApiKeys;
import dev.sessiond.store.postgres.internal.PostgresAuditLog;
import dev.sessiond.store.postgres.internal.PostgresConnections;
import dev.sessiond.store.postgres.internal.EventListener;
import dev.sessiond.store.postgres.internal.PostgresDatabase;
import dev.sessiond.store.postgres.internal.PostgresEvents;
import dev.sessiond.store.postgres.internal.PostgresRefreshTokens;
import dev.sessiond.store.postgres.internal.PostgresRevocations;
import dev.sessiond.store.postgres.internal.PostgresSessionLimits;
import dev.sessiond.store.postgres.internal.PostgresSessions;
import dev.sessiond.store.postgres.internal.PostgresSigningKeys;
import dev.sessiond.store.postgres.internal.PostgresSupportGrants;
import dev.sessiond.store.postgres.internal.PostgresSweepLease;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SessionStore} in PostgreSQL, for several sessiond nodes sharing one database, with
 * every extra ability: it is also a {@link SessionSweeper}, {@link RefreshTokenStore}, {@link
 * SigningKeyStore}, {@link RevocationStore}, {@link SessionLimitStore}, {@link ApiKeyStore}, {@link
 * SupportGrantStore}, {@link AuditStore}, {@link SweepLease} and {@link EventLog}. Its tables
 * live in the schema {@link PostgresConfig#schema()} names, created and migrated with Flyway when
 * the store opens.
 *
 * <p>Every write is committed before the method returns: one statement in autocommit, or the
 * statements of one operation in one transaction (a change with the events it reports, an open
 * with its first token and audit record, a rotation, a limited open). Nothing relies on locks inside this process, so every guarantee holds
 * across nodes: a refresh rotation is a compare-and-set in SQL, so of concurrent rotations of one
 * token on any nodes exactly one wins; a limited open holds a transaction-scoped advisory lock on
 * its (tenant, user), so the limit is exact under concurrent opens; the blacklist and watermarks
 * are upserts that keep the later time; audit positions come from a sequence. A transaction undone
 * by a deadlock runs again.
 *
 * <p>The event feed: each write appends its events in its own transaction, as the last step, under
 * a lock of the schema, so events commit in position order on every node (see {@code
 * PostgresEvents}); each append notifies the schema's readers. The first {@link #awaitEventsAfter}
 * starts a listener: a daemon thread with a connection of its own, outside the pool, that wakes
 * waiters when any node appends; while its connection is down it reconnects, and waiters return
 * after at most 250 ms so that callers poll. {@link #purgeEventsBefore} skips events another node
 * is purging.
 *
 * <p>Beyond {@link SessionStore}: when PostgreSQL cannot be reached or cannot serve (lost
 * connection, no free connection within {@link PostgresConfig#connectionTimeout()}, shutdown,
 * standby), and after {@link #close}, a call throws a {@link SessiondException} with {@link
 * ErrorCode#UNAVAILABLE}. A value PostgreSQL cannot hold (a U+0000 character in a string) throws
 * {@link IllegalArgumentException}. Messages never hold row contents, the URL or credentials. A
 * {@code null} argument throws {@link NullPointerException}, a negative limit {@link
 * IllegalArgumentException}. Instants are kept to the microsecond, so the engine's whole
 * milliseconds round-trip exactly.
 *
 * <p>Refresh tokens go with their session when it is purged. Beyond {@link RefreshTokenStore}:
 * {@link #insertRefreshToken} throws {@link IllegalStateException} also if the session is not
 * stored; {@link #rotateRefreshToken} throws {@link IllegalArgumentException} if {@code next} has a
 * rotation time. {@link #rotateSigningKey} throws {@link IllegalArgumentException} if {@code next}
 * is retired; {@link #endGrant} if the status is {@link GrantStatus#ACTIVE}. {@link
 * #activeSessionsUnderGrant} of an empty grant id finds none. Sweeps ({@link #expireDue}, {@link
 * #purgeEndedBefore}, {@link #purgeBlacklist}, {@link #purgeAuditBefore}) skip rows another node
 * is sweeping at that moment, so a short batch means that none are left for this caller.
 */
public final class PostgresSessionStore implements SessionStore, SessionSweeper,
    RefreshTokenStore, SigningKeyStore, RevocationStore, SessionLimitStore, ApiKeyStore,
    SupportGrantStore, AuditStore, SweepLease, EventLog {
  private final PostgresDatabase database;
  private final PostgresSessions sessions;
  private final PostgresRefreshTokens tokens;
  private final PostgresSigningKeys keys;
  private final PostgresRevocations revocations;
  private final PostgresSessionLimits limits;
  private final PostgresApiKeys apiKeys;
  private final PostgresSupportGrants grants;
  private final PostgresAuditLog audit;
  private final PostgresSweepLease leases;
  private final EventListener listener;
  private final PostgresEvents events;

  private PostgresSessionStore(PostgresDatabase database, EventListener listener) {
    this.database = database;
    this.listener = listener;
    this.events = new PostgresEvents(database, listener);
    this.sessions = new PostgresSessions(database);
    this.tokens = new PostgresRefreshTokens(database);
    this.keys = new PostgresSigningKeys(database);
    this.revocations = new PostgresRevocations(database);
    this.limits = new PostgresSessionLimits(database);
    this.apiKeys = new PostgresApiKeys(database);
    this.grants = new PostgresSupportGrants(database);
    this.audit = new PostgresAuditLog(database);
    this.leases = new PostgresSweepLease(database);
  }

  /**
   * Connects (a HikariCP pool of up to {@link PostgresConfig#maxPoolSize()} connections), creates
   * the schema if it is missing, migrates it with Flyway, and answers a ready store. The event
   * listener connects later, on the first {@link #awaitEventsAfter}.
   *
   * @param config never {@code null}
   * @throws SessiondException with {@link ErrorCode#UNAVAILABLE} if the database cannot be reached,
   *     or the schema cannot be created or migrated; the message holds no URL or credential
   */
  public static PostgresSessionStore open(PostgresConfig config) {
    Objects.requireNonNull(config, "config");
    return new PostgresSessionStore(PostgresConnections.open(config),
        new EventListener(PostgresConnections.forListener(config), config.schema()));
  }

  @Override
  public void insert(SessionRecord record) {
    sessions.insert(record);
  }

  @Override
  public Optional<SessionRecord> find(String id) {
    return sessions.find(id);
  }

  @Override
  public List<SessionRecord> findAll(Collection<String> ids) {
    return sessions.findAll(ids);
  }

  @Override
  public Optional<SessionRecord> touch(String id, Instant lastActiveAt, Instant expiresAt) {
    return sessions.touch(id, lastActiveAt, expiresAt);
  }

  @Override
  public boolean revoke(String id, Ending ending) {
    return sessions.revoke(id, ending);
  }

  @Override
  public List<String> revokeAllForUser(String tenantId, String userId, Ending ending) {
    return sessions.revokeAllForUser(tenantId, userId, ending);
  }

  @Override
  public List<SessionRecord> listForUser(
      String tenantId, String userId, SessionStatus status, Instant now, int limit) {
    return sessions.listForUser(tenantId, userId, status, now, limit);
  }

  @Override
  public List<SessionRecord> search(SessionQuery query, Instant now) {
    return sessions.search(query, now);
  }

  @Override
  public int expireDue(Instant now, int limit) {
    return sessions.expireDue(now, limit);
  }

  @Override
  public int purgeEndedBefore(Instant cutoff, int limit) {
    return sessions.purgeEndedBefore(cutoff, limit);
  }

  @Override
  public void insertWithRefreshToken(SessionRecord session, RefreshToken first,
      AuditRecord audit) {
    tokens.insertWithRefreshToken(session, first, audit);
  }

  @Override
  public Outcome insertWithinLimit(SessionRecord session, RefreshToken first, SessionLimit limit,
      Ending eviction, AuditRecord audit) {
    return limits.insertWithinLimit(session, first, limit, eviction, audit);
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
    keys.rotateSigningKey(next, now);
  }

  @Override
  public List<SigningKeyRecord> signingKeys() {
    return keys.signingKeys();
  }

  @Override
  public int deleteSigningKeysRetiredBefore(Instant cutoff) {
    return keys.deleteSigningKeysRetiredBefore(cutoff);
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

  /**
   * Stops the event listener (waiters return) and closes the pool; calls after it throw {@link
   * ErrorCode#UNAVAILABLE}. Does nothing if closed.
   */
  @Override
  public void close() {
    listener.close();
    database.close();
  }
}
