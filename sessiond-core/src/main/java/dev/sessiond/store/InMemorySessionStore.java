package dev.sessiond.store;

import dev.sessiond.Event;
import dev.sessiond.GrantStatus;
import dev.sessiond.SessionLimit;
import dev.sessiond.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A {@link SessionStore} in the heap, with every extra ability, for tests and single-process
 * experiments. Nothing survives the process. Searches scan every row, so it suits thousands of
 * sessions, not millions.
 */
public final class InMemorySessionStore implements SessionStore, SessionSweeper,
    RefreshTokenStore, SigningKeyStore, RevocationStore, SessionLimitStore, ApiKeyStore,
    SupportGrantStore, AuditStore, SweepLease, EventLog {
  /** The {@link Cursor} order: {@code loginAt} descending, then {@code id} descending. */
  static final Comparator<SessionRecord> NEWEST_FIRST =
      Comparator.comparing(SessionRecord::loginAt).thenComparing(SessionRecord::id).reversed();

  private final ConcurrentHashMap<String, SessionRecord> sessions = new ConcurrentHashMap<>();
  private final InMemoryTokenKeeping tokens = new InMemoryTokenKeeping();
  private final InMemoryRevocations revocations = new InMemoryRevocations();
  private final InMemoryAccessKeeping access = new InMemoryAccessKeeping();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final InMemoryEvents events = new InMemoryEvents();
  private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

  private record Lease(String holder, Instant until) {}

  @Override
  public void insert(SessionRecord record) {
    if (sessions.putIfAbsent(record.id(), record) != null) {
      throw new IllegalStateException("a session with this id exists");
    }
    events.append(Event.sessionCreated(record));
  }

  @Override
  public Optional<SessionRecord> find(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  @Override
  public List<SessionRecord> findAll(Collection<String> ids) {
    List<SessionRecord> found = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      SessionRecord record = sessions.get(id);
      if (record != null) {
        found.add(record);
      }
    }
    return found;
  }

  @Override
  public Optional<SessionRecord> touch(String id, Instant lastActiveAt, Instant expiresAt) {
    AtomicReference<SessionRecord> updated = new AtomicReference<>();
    sessions.computeIfPresent(id, (key, current) -> {
      if (!current.isActiveAt(lastActiveAt)) {
        return current;
      }
      updated.set(current.withActivity(lastActiveAt, expiresAt));
      return updated.get();
    });
    return Optional.ofNullable(updated.get());
  }

  @Override
  public boolean revoke(String id, Ending ending) {
    AtomicReference<SessionRecord> changed = new AtomicReference<>();
    sessions.computeIfPresent(id, (key, current) -> {
      if (!current.isActiveAt(ending.at())) {
        return current;
      }
      changed.set(current);
      return current.withEnding(SessionStatus.REVOKED, ending);
    });
    SessionRecord revoked = changed.get();
    if (revoked != null) {
      events.append(Event.sessionRevoked(revoked.tenantId(), id, revoked.userId(), ending));
    }
    return revoked != null;
  }

  @Override
  public List<String> revokeAllForUser(String tenantId, String userId, Ending ending) {
    List<String> revoked = new ArrayList<>();
    for (SessionRecord record : sessions.values()) {
      if (record.tenantId().equals(tenantId) && record.userId().equals(userId)
          && revoke(record.id(), ending)) {
        revoked.add(record.id());
      }
    }
    return revoked;
  }

  @Override
  public List<SessionRecord> listForUser(
      String tenantId, String userId, SessionStatus status, Instant now, int limit) {
    return select(r -> r.tenantId().equals(tenantId) && r.userId().equals(userId)
        && (status == null || r.statusAt(now) == status), limit);
  }

  @Override
  public List<SessionRecord> search(SessionQuery query, Instant now) {
    return select(r -> query.matches(r, now), query.limit());
  }

  @Override
  public int expireDue(Instant now, int limit) {
    int marked = 0;
    for (SessionRecord record : sessions.values()) {
      if (marked == limit) {
        break;
      }
      AtomicReference<SessionRecord> changed = new AtomicReference<>();
      sessions.computeIfPresent(record.id(), (key, current) -> {
        if (current.status() != SessionStatus.ACTIVE || current.expiresAt().isAfter(now)) {
          return current;
        }
        changed.set(current);
        return current.withEnding(SessionStatus.EXPIRED, Ending.expiryOf(current));
      });
      SessionRecord expired = changed.get();
      if (expired != null) {
        events.append(Event.sessionExpired(expired.tenantId(), expired.id(), expired.userId(),
            Ending.expiryOf(expired)));
        marked++;
      }
    }
    return marked;
  }

  @Override
  public int purgeEndedBefore(Instant cutoff, int limit) {
    int purged = 0;
    for (SessionRecord record : sessions.values()) {
      if (purged == limit) {
        break;
      }
      if (record.ending() != null && record.ending().at().isBefore(cutoff)
          && sessions.remove(record.id(), record)) {
        tokens.deleteFamily(record.id());
        purged++;
      }
    }
    return purged;
  }

  @Override
  public synchronized void insertWithRefreshToken(SessionRecord session, RefreshToken first,
      AuditRecord audit) {
    if (tokens.findRefreshToken(first.hash()).isPresent()) {
      throw new IllegalStateException("a refresh token with this hash exists");
    }
    insert(session);
    tokens.insertRefreshToken(first);
    appendIfAny(audit);
  }

  @Override
  public synchronized Outcome insertWithinLimit(SessionRecord session, RefreshToken first,
      SessionLimit limit, Ending eviction, AuditRecord audit) {
    if (sessions.containsKey(session.id()) || tokens.findRefreshToken(first.hash()).isPresent()) {
      throw new IllegalStateException("a session with this id or a token with this hash exists");
    }
    List<SessionRecord> active = sessions.values().stream()
        .filter(r -> r.tenantId().equals(session.tenantId()) && r.userId().equals(session.userId())
            && (!limit.perClientType() || r.clientType() == session.clientType())
            && r.isActiveAt(session.loginAt()))
        .sorted(NEWEST_FIRST.reversed())
        .collect(Collectors.toList());
    int excess = active.size() - limit.maxSessions() + 1;
    if (excess > 0 && limit.policy() == SessionLimit.Policy.DENY_NEW) {
      return new Outcome(false, List.of());
    }
    List<String> evicted = new ArrayList<>();
    for (int i = 0; i < excess; i++) {
      if (revoke(active.get(i).id(), eviction)) {
        evicted.add(active.get(i).id());
      }
    }
    insertWithRefreshToken(session, first, audit);
    return new Outcome(true, evicted);
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
  public synchronized boolean rotateRefreshToken(String presentedHash, RefreshToken next,
      Instant now, AuditRecord audit) {
    boolean rotated = tokens.rotateRefreshToken(presentedHash, next, now);
    if (rotated) {
      SessionRecord session = sessions.get(next.sessionId());
      if (session != null) {
        events.append(Event.sessionRefreshed(session.tenantId(), session.id(), session.userId(),
            now));
      }
      appendIfAny(audit);
    }
    return rotated;
  }

  private void appendIfAny(AuditRecord audit) {
    if (audit != null) {
      appendAudit(audit);
    }
  }

  @Override
  public void rotateSigningKey(SigningKeyRecord next, Instant now) {
    tokens.rotateSigningKey(next, now);
    events.append(Event.signingKeyRotated(next.kid(), now));
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
    events.append(Event.blacklisted(entry));
  }

  @Override
  public Optional<BlacklistEntry> findBlacklistEntry(String tenantId, String name, Instant now) {
    return revocations.find(tenantId, name, now);
  }

  @Override
  public List<BlacklistEntry> blacklistEntries(Instant now) {
    return revocations.active(now);
  }

  @Override
  public int purgeBlacklist(Instant now, int limit) {
    return revocations.purge(now, limit);
  }

  @Override
  public void raiseWatermark(Watermark watermark) {
    if (revocations.raise(watermark)) {
      events.append(Event.watermarkRaised(watermark));
    }
  }

  @Override
  public List<Watermark> watermarks() {
    return revocations.watermarks();
  }

  @Override
  public List<String> revokeTenantSessions(String tenantId, Ending ending, int limit) {
    List<String> revoked = new ArrayList<>();
    for (SessionRecord record : sessions.values()) {
      if (revoked.size() == limit) {
        break;
      }
      if (record.tenantId().equals(tenantId) && revoke(record.id(), ending)) {
        revoked.add(record.id());
      }
    }
    return revoked;
  }

  @Override
  public List<RevokedSession> sessionsRevokedSince(Instant since) {
    return sessions.values().stream()
        .filter(r -> r.status() == SessionStatus.REVOKED && !r.ending().at().isBefore(since))
        .map(r -> new RevokedSession(r.id(), r.tenantId(), r.ending().at()))
        .collect(Collectors.toList());
  }

  @Override
  public void putApiKey(ApiKeyRecord key) {
    access.putApiKey(key);
  }

  @Override
  public Optional<ApiKeyRecord> findApiKey(String id) {
    return access.findApiKey(id);
  }

  @Override
  public List<ApiKeyRecord> apiKeys(int limit) {
    return access.apiKeys(limit);
  }

  @Override
  public boolean revokeApiKey(String id, Instant at) {
    boolean revoked = access.revokeApiKey(id, at);
    if (revoked) {
      events.append(Event.apiKeyRevoked(access.findApiKey(id).orElseThrow().tenantId(), id, at));
    }
    return revoked;
  }

  @Override
  public void insertGrant(SupportGrantRecord grant) {
    access.insertGrant(grant);
  }

  @Override
  public Optional<SupportGrantRecord> findGrant(String tenantId, String id) {
    return access.findGrant(tenantId, id);
  }

  @Override
  public List<SupportGrantRecord> grants(String tenantId, int limit) {
    return access.grants(tenantId, limit);
  }

  @Override
  public List<SupportGrantRecord> activeGrants(String tenantId, Instant now) {
    return access.activeGrants(tenantId, now);
  }

  @Override
  public boolean endGrant(String id, GrantStatus status, Instant at, String actor) {
    boolean ended = access.endGrant(id, status, at, actor);
    if (ended) {
      String tenantId = access.findGrantById(id).orElseThrow().tenantId();
      events.append(Event.grantEnded(tenantId, id, status, at));
    }
    return ended;
  }

  @Override
  public List<SupportGrantRecord> grantsDueToExpire(Instant now, int limit) {
    return access.grantsDueToExpire(now, limit);
  }

  /** Scans every session; an empty {@code grantId} names no grant and finds none. */
  @Override
  public List<String> activeSessionsUnderGrant(String grantId, int limit) {
    if (grantId.isEmpty()) {
      return new ArrayList<>();
    }
    return select(r -> r.status() == SessionStatus.ACTIVE && r.supportGrantId().equals(grantId),
        limit).stream().map(SessionRecord::id).collect(Collectors.toList());
  }

  @Override
  public long appendAudit(AuditRecord record) {
    return audit.append(record);
  }

  @Override
  public List<AuditRecord> audit(AuditQuery query) {
    return audit.query(query);
  }

  @Override
  public int purgeAuditBefore(Instant cutoff, int limit) {
    return audit.purgeBefore(cutoff, limit);
  }

  @Override
  public List<Event> eventsAfter(long after, int limit) {
    return events.after(after, limit);
  }

  @Override
  public void awaitEventsAfter(long after, Duration maxWait) throws InterruptedException {
    events.await(after, maxWait);
  }

  @Override
  public long lastEventSeq() {
    return events.last();
  }

  @Override
  public long purgedThrough() {
    return events.purgedThrough();
  }

  @Override
  public int purgeEventsBefore(Instant cutoff, int limit) {
    return events.purgeBefore(cutoff, limit);
  }

  @Override
  public void close() {
    // Nothing to release.
  }

  private List<SessionRecord> select(Predicate<SessionRecord> filter, int limit) {
    return sessions.values().stream()
        .filter(filter)
        .sorted(NEWEST_FIRST)
        .limit(limit)
        .collect(Collectors.toList());
  }

  @Override
  public boolean tryLease(String name, String holder, Instant now, Instant until) {
    SweepLease.checkLease(name, holder, now, until);
    Lease wanted = new Lease(holder, until);
    Lease held = leases.compute(name, (key, current) ->
        current == null || !current.until().isAfter(now) || current.holder().equals(holder)
            ? wanted : current);
    return held == wanted;
  }
}
