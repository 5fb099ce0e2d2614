package dev.sessiond.store.redis;

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
import dev.sessiond.store.redis.internal.Keys;
import dev.sessiond.store.redis.internal.RedisApiKeys;
import dev.sessiond.store.redis.internal.RedisAuditLog;
import dev.sessiond.store.redis.internal.RedisBackend;
import dev.sessiond.store.redis.internal.RedisConnector;
import dev.sessiond.store.redis.internal.RedisEventLog;
import dev.sessiond.store.redis.internal.RedisOpens;
import dev.sessiond.store.redis.internal.RedisRefreshTokens;
import dev.sessiond.store.redis.internal.RedisRevocations;
import dev.sessiond.store.redis.internal.RedisSessions;
import dev.sessiond.store.redis.internal.RedisSigningKeys;
import dev.sessiond.store.redis.internal.RedisSupportGrants;
import dev.sessiond.store.redis.internal.RedisSweepLease;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SessionStore} in Redis or Valkey, standalone or Redis Cluster, for several sessiond
 * nodes sharing one backend, with every extra ability: it is also a {@link SessionSweeper}, {@link
 * RefreshTokenStore}, {@link SigningKeyStore}, {@link RevocationStore}, {@link SessionLimitStore},
 * {@link ApiKeyStore}, {@link SupportGrantStore}, {@link AuditStore}, {@link SweepLease} and {@link
 * EventLog}.
 *
 * <p>Layout: every key starts with {@link RedisConfig#keyPrefix()}. Everything of one tenant
 * (session hashes, refresh tokens, its sorted-set indexes for listing, expiry, ending and
 * revocation, support grants, blacklist, watermarks, audit records) shares the hash tag {@code
 * {t:<tenant>}}, so each atomic step is one Lua script on one slot; nothing relies on Redis TTLs,
 * so an expired session stays readable (status expired) until a sweep purges it, and the scripts
 * keep the indexes in step with the records. Lookups by an id that does not name its tenant
 * (session id, refresh-token hash, grant id) go through small pointer keys, each with its own tag,
 * written before the tenant's record; a dangling pointer is harmless, since readers check the
 * record. Sweeps visit only the tenants with due work: under the tag {@code {due}}, a sorted set
 * per kind of sweep scores each tenant with a lower bound of its earliest due item, lowered by
 * every write before it adds such an item and settled by the sweeps, so that none is ever missed;
 * the deployment-wide listings read when a node rebuilds its revocation index (blacklist,
 * watermarks, recent revocations) walk the registry of tenants there. Nothing uses {@code KEYS} or
 * {@code SCAN}. Audit positions come from one {@code INCR} under the tag {@code {audit}}, with
 * global indexes by position and by time there. A lease is one hash under the tag {@code
 * {lease}}. The event feed is one stream under the tag {@code {events}}, its entry ids {@code
 * <seq>-0} with positions from one {@code INCR} there.
 *
 * <p>Atomicity holds across nodes without locks: a refresh rotation is a compare-and-set script on
 * the family head; a limited open counts, evicts and stores in one script; a revoke checks and ends
 * in one script. An audit record passed with a write is stored by the same script when it belongs
 * to the session's tenant (as the engine's always do); one of another tenant is appended right
 * after the write, not atomically with it. A write's events are appended by the same script as
 * the write on standalone Redis. On a Cluster the script cannot reach the feed's slot: it answers
 * its events and they are appended right after it, in one step on that slot, so a node killed
 * between the two leaves the change (whose write was not acknowledged) without an event; nodes
 * following the feed see such a change only when they next rebuild their state from the store.
 * {@link #awaitEventsAfter} blocks on a connection of its own, opened on first use; waiting
 * threads take turns on it, and one wait lasts at most 30 seconds before it returns early.
 *
 * <p>Durability: a write is acknowledged once Redis has applied it in memory. Whether it survives
 * a crash of Redis is the operator's choice: enable AOF with {@code appendfsync always} for
 * "acknowledged is durable" as the other stores give it, or {@code everysec} to risk up to about
 * one second of acknowledged writes; without persistence a Redis restart loses everything. The
 * store does not use {@code WAIT}, so a failover to a replica can lose writes the replica had not
 * received.
 *
 * <p>When Redis cannot be reached or answer within {@link RedisConfig#timeout()}, and after {@link
 * #close}, a call throws a {@link SessiondException} with {@link ErrorCode#UNAVAILABLE}; messages
 * never hold keys, values or credentials. Beyond {@link RefreshTokenStore}: {@link
 * #insertRefreshToken} throws {@link IllegalStateException} also if the session is not stored;
 * {@link #rotateRefreshToken} throws {@link IllegalArgumentException} if {@code next} has a
 * rotation time. {@link #rotateSigningKey} throws {@link IllegalArgumentException} if {@code next}
 * is retired; {@link #endGrant} if the status is {@link GrantStatus#ACTIVE}. {@link
 * #activeSessionsUnderGrant} of an empty grant id finds none. A node that dies in the middle of a
 * write leaves its tenant marked as due for that kind of sweep for good: it is then visited by
 * every sweep (one script call), never missed.
 */
public final class RedisSessionStore implements SessionStore, SessionSweeper,
    RefreshTokenStore, SigningKeyStore, RevocationStore, SessionLimitStore, ApiKeyStore,
    SupportGrantStore, AuditStore, SweepLease, EventLog {
  private final RedisBackend backend;
  private final RedisSessions sessions;
  private final RedisOpens opens;
  private final RedisRefreshTokens tokens;
  private final RedisSigningKeys keys;
  private final RedisRevocations revocations;
  private final RedisApiKeys apiKeys;
  private final RedisSupportGrants grants;
  private final RedisAuditLog audit;
  private final RedisSweepLease leases;
  private final RedisEventLog events;

  private RedisSessionStore(RedisBackend backend) {
    this.backend = backend;
    this.audit = new RedisAuditLog(backend);
    this.opens = new RedisOpens(backend, audit);
    this.sessions = new RedisSessions(backend, opens);
    this.tokens = new RedisRefreshTokens(backend, opens, audit);
    this.keys = new RedisSigningKeys(backend);
    this.revocations = new RedisRevocations(backend, sessions);
    this.apiKeys = new RedisApiKeys(backend);
    this.grants = new RedisSupportGrants(backend);
    this.leases = new RedisSweepLease(backend);
    this.events = new RedisEventLog(backend);
  }

  /**
   * Connects (one multiplexed connection; for Cluster, discovering the Cluster from the nodes
   * given) and checks the connection.
   *
   * @param config never {@code null}
   * @throws SessiondException with {@link ErrorCode#UNAVAILABLE} if Redis cannot be reached; the
   *     message holds no credential
   */
  public static RedisSessionStore open(RedisConfig config) {
    Objects.requireNonNull(config, "config");
    return new RedisSessionStore(new RedisBackend(RedisConnector.open(config),
        new Keys(config.keyPrefix())));
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
    return opens.open(session, first, limit, eviction, audit);
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

  /** A {@code limit} below 1 deletes nothing. */
  @Override
  public int purgeEventsBefore(Instant cutoff, int limit) {
    return events.purgeEventsBefore(cutoff, limit);
  }

  /**
   * Closes the connections; calls after it throw {@link ErrorCode#UNAVAILABLE}, and a call waiting
   * in {@link #awaitEventsAfter} returns. Does nothing if closed.
   */
  @Override
  public void close() {
    events.close();
    backend.close();
  }
}
