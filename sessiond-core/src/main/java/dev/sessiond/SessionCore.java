package dev.sessiond;

import dev.sessiond.internal.AuditTrail;
import dev.sessiond.internal.ExternalSessions;
import dev.sessiond.internal.FieldRules;
import dev.sessiond.internal.PageTokens;
import dev.sessiond.internal.RefreshRotation;
import dev.sessiond.internal.SessionIds;
import dev.sessiond.internal.TokenAuthority;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Cursor;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RevocationStore;
import dev.sessiond.store.SessionLimitStore;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SessionStore;
import dev.sessiond.store.SupportGrantRecord;
import dev.sessiond.store.Watermark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The session operations behind the capabilities, with no walls of their own: every caller check
 * happens before a call reaches here ({@link SessionEngine} and the {@code Scoped*} classes). Every
 * input is validated here, so every front end rejects the same things with the same {@link
 * ErrorCode}; every revocation is durable in the store, then enforced by the engine's verifier,
 * before a call returns. Thread-safe.
 */
final class SessionCore {
  private static final int MAX_ID = 128;
  private static final int MAX_TEXT = 256;
  private static final int MAX_USER_AGENT = 1024;

  private final SessionStore store;
  private final Clock clock;
  private final EngineSettings settings;
  private final UserAgentParser userAgents;
  private final RevocationStore revocations;
  private final TokenAuthority tokens;
  private final RefreshRotation refreshes;
  private final ExternalSessions externalSessions;
  private final Map<String, SessionLimit> sessionLimits;
  private final AuditTrail audit;

  SessionCore(SessionStore store, Clock clock, EngineSettings settings,
      UserAgentParser userAgents, TokenAuthority tokens, RefreshRotation refreshes,
      ExternalSessions externalSessions, Map<String, SessionLimit> sessionLimits,
      AuditTrail audit) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.userAgents = userAgents;
    this.revocations = (RevocationStore) store;
    this.tokens = tokens;
    this.refreshes = refreshes;
    this.externalSessions = externalSessions;
    this.sessionLimits = sessionLimits;
    this.audit = audit;
  }

  /** As {@link SessionEngine#verify(String, VerifyContext)}. */
  Verification verify(String accessToken, VerifyContext context) {
    Verification own = tokens.verify(accessToken);
    if (own.outcome() == Verification.Outcome.INVALID) {
      return externalSessions.verify(accessToken, context);
    }
    // Tenants are walls: in one tenant's context, another tenant's token is no token at all.
    if (own.isActive() && context.tenantId() != null
        && !context.tenantId().equals(own.token().tenantId())) {
      return Verification.rejected(Verification.Outcome.INVALID);
    }
    return own;
  }

  /** The store, for reads the capability classes make themselves. */
  SessionStore store() {
    return store;
  }

  /**
   * Opens a session, stores it and its first refresh token durably, and answers it with a token
   * pair. If the tenant limits sessions per user, the limit is enforced atomically: the open is
   * refused, or the user's oldest sessions are revoked (and enforced) first, by the limit's policy.
   *
   * @throws SessiondException {@link ErrorCode#MISSING_FIELD}, {@link ErrorCode#INVALID_FIELD}, or
   *     {@link ErrorCode#SESSION_LIMIT_REACHED}
   */
  OpenedSession open(OpenRequest request) {
    return open(request, null, r -> null);
  }

  /**
   * Opens a session; under {@code grant}, if not {@code null}, which it then never outlives. The
   * record {@code auditor} makes of the new session ({@code null}: none) is stored in the same
   * durable write.
   */
  OpenedSession open(OpenRequest request, SupportGrantRecord grant,
      Function<SessionRecord, AuditRecord> auditor) {
    Objects.requireNonNull(request, "request");
    String tenantId = FieldRules.tenantId("tenantId", request.tenantId());
    String userId = FieldRules.requiredText("userId", request.userId(), MAX_ID);
    String username = FieldRules.optionalText("username", request.username(), MAX_TEXT);
    List<String> roles = FieldRules.roles("roles", request.roles(), 64, 64);
    String deptName = FieldRules.optionalText("deptName", request.deptName(), MAX_TEXT);
    String ip = FieldRules.ip("ip", request.ip());
    String userAgent = FieldRules.optionalText("userAgent", request.userAgent(), MAX_USER_AGENT);
    Map<String, String> attributes =
        FieldRules.attributes("attributes", request.attributes(), 32, 64, 1024);

    UserAgentParser.ParsedUserAgent agent = userAgents.parse(userAgent);
    ClientType clientType =
        request.clientType() != null ? request.clientType() : agent.clientType();
    SessionPolicy policy = settings.policyFor(tenantId);
    Instant now = now();
    Instant absoluteExpiry = now.plus(policy.absoluteLifetime());
    if (grant != null) {
      absoluteExpiry = earlier(absoluteExpiry, grant.expiresAt());
    }
    SessionRecord record = new SessionRecord(SessionIds.generate(), tenantId, userId, username,
        roles, clientType, deptName, ip, userAgent, agent.browser(), agent.os(), attributes, now,
        now, earlier(now.plus(policy.idleTimeout()), absoluteExpiry), absoluteExpiry,
        policy.idleTimeout(), SessionStatus.ACTIVE, null, grant == null ? "" : grant.id());
    SessionLimit limit = sessionLimits.get(tenantId);
    AuditRecord opened = auditor.apply(record);
    String refreshToken = limit == null ? refreshes.open(record, opened)
        : refreshes.openWithinLimit(record, opened, (SessionLimitStore) store, limit,
            new Ending(now, SessionLimit.EVICTION_REASON, Ending.SYSTEM),
            evicted -> {
              tokens.sessionRevoked(evicted, now);
              audit.system("session.revoked", tenantId, evicted, SessionLimit.EVICTION_REASON);
            });
    return new OpenedSession(Session.of(record, now), tokens.issue(record, refreshToken, now));
  }

  /**
   * Reads one session in any status.
   *
   * @return the view, or empty if there is no such session
   * @throws SessiondException {@link ErrorCode#INVALID_SESSION_ID} if {@code id} is malformed
   */
  Optional<Session> get(String id) {
    FieldRules.sessionId("id", id);
    Instant now = now();
    return store.find(id).map(r -> Session.of(r, now));
  }

  /**
   * Records activity now: slides the idle expiry, never past the absolute lifetime. Writes to the
   * store at most once per {@link EngineSettings#touchInterval()} for a session; touches in between
   * answer from the stored record.
   *
   * @return the view after the touch
   * @throws SessiondException {@link ErrorCode#SESSION_NOT_FOUND} if there is no such session,
   *     {@link ErrorCode#SESSION_NOT_ACTIVE} if it has ended
   */
  Session touch(String id) {
    FieldRules.sessionId("id", id);
    return touch(store.find(id).orElseThrow(SessionCore::notFound));
  }

  /** As {@link #touch(String)}, for a record the caller has just read. */
  Session touch(SessionRecord record) {
    String id = record.id();
    Instant now = now();
    if (!record.isActiveAt(now)) {
      throw notActive();
    }
    if (record.lastActiveAt().plus(settings.touchInterval()).isAfter(now)) {
      return Session.of(record, now);
    }
    Instant expiresAt = earlier(now.plus(record.idleTimeout()), record.absoluteExpiresAt());
    return store.touch(id, now, expiresAt)
        .map(r -> Session.of(r, now))
        .orElseThrow(SessionCore::notActive);
  }

  /**
   * Revokes one session. Durable before it returns. Revoking a session that has already ended
   * changes nothing and answers its current view.
   *
   * @param reason {@code null} or empty records {@link SessionEngine#DEFAULT_REASON}
   * @param actor who is revoking, never {@code null}
   * @return the view after the revoke
   * @throws SessiondException {@link ErrorCode#SESSION_NOT_FOUND} if there is no such session
   */
  Session revoke(String id, String reason, String actor) {
    FieldRules.sessionId("id", id);
    endSession(id, ending(reason, actor));
    Instant now = now();
    return store.find(id).map(r -> Session.of(r, now)).orElseThrow(SessionCore::notFound);
  }

  /**
   * Revokes the session a token belongs to (RFC 7009): an active access token, or a refresh token
   * current or rotated. Anything else, malformed, unknown, expired or already revoked, changes
   * nothing, as the RFC asks.
   *
   * @return whether a session was revoked by this call
   */
  boolean revokeToken(String token, String reason, String actor) {
    Optional<String> sessionId = sessionOfToken(token);
    return sessionId.isPresent() && endSession(sessionId.get(), ending(reason, actor));
  }

  /**
   * Revokes every active session of one user in one tenant, and raises the user's not-before
   * watermark so every token of theirs issued until now is rejected, also of sessions sessiond
   * learns about later. Durable and enforced before it returns.
   *
   * @return the ids of the sessions this call revoked (empty if there were none)
   */
  List<String> revokeAllForUser(String tenantId, String userId, String reason, String actor) {
    FieldRules.tenantId("tenantId", tenantId);
    FieldRules.requiredText("userId", userId, MAX_ID);
    Ending ending = ending(reason, actor);
    tokens.watermark(new Watermark(tenantId, userId, ending.at()));
    List<String> revoked = store.revokeAllForUser(tenantId, userId, ending);
    revoked.forEach(id -> tokens.sessionRevoked(id, ending.at()));
    return revoked;
  }

  /**
   * Revokes every active session of a tenant: raises the tenant's watermark first (every token
   * issued until now is rejected at once), then marks the sessions revoked in batches.
   *
   * @return how many sessions this call revoked
   */
  int revokeAllInTenant(String tenantId, String reason, String actor) {
    FieldRules.tenantId("tenantId", tenantId);
    Ending ending = ending(reason, actor);
    tokens.watermark(Watermark.forTenant(tenantId, ending.at()));
    int batch = settings.sweepBatchSize();
    int total = 0;
    for (int n = batch; n == batch; total += n) {
      n = revocations.revokeTenantSessions(tenantId, ending, batch).size();
    }
    return total;
  }

  /**
   * Blacklists a session name (a session id, or an external issuer's session claim) or a token's
   * {@code jti} in one tenant for {@code ttl}: matching tokens fail verification until it lapses.
   * Durable and enforced before it returns.
   *
   * @param ttl positive, at most {@link SessionEngine#MAX_BLACKLIST_TTL}
   * @return the entry in force (a longer existing ban is kept)
   */
  BlacklistEntry blacklist(String tenantId, String name, Duration ttl) {
    FieldRules.tenantId("tenantId", tenantId);
    FieldRules.requiredText("name", name, MAX_TEXT);
    if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(SessionEngine.MAX_BLACKLIST_TTL) > 0) {
      throw FieldRules.invalid("ttl", "must be between 1 second and " + SessionEngine.MAX_BLACKLIST_TTL.toDays()
          + " days");
    }
    Instant now = now();
    tokens.blacklist(new BlacklistEntry(tenantId, name, now, now.plus(ttl)));
    return revocations.findBlacklistEntry(tenantId, name, now).orElseThrow();
  }

  /**
   * The ban on {@code name} in {@code tenantId} in force now.
   *
   * @return the entry, or empty if the name is not blacklisted
   */
  Optional<BlacklistEntry> blacklistEntry(String tenantId, String name) {
    FieldRules.tenantId("tenantId", tenantId);
    FieldRules.requiredText("name", name, MAX_TEXT);
    return revocations.findBlacklistEntry(tenantId, name, now());
  }

  /**
   * The bans in force now in {@code tenantId}, or in every tenant when it is {@code null}; by
   * tenant, then name; at most {@link SessionEngine#MAX_BLACKLIST_LISTING}.
   */
  List<BlacklistEntry> blacklistEntries(String tenantId) {
    return revocations.blacklistEntries(now()).stream()
        .filter(entry -> tenantId == null || entry.tenantId().equals(tenantId))
        .sorted(java.util.Comparator.comparing(BlacklistEntry::tenantId)
            .thenComparing(BlacklistEntry::name))
        .limit(SessionEngine.MAX_BLACKLIST_LISTING)
        .toList();
  }

  /**
   * Makes a new active signing key for {@code algorithm} now. Tokens signed by the previous key keep
   * verifying until they expire.
   *
   * @return the new key's id
   */
  String rotateSigningKey(SigningAlgorithm algorithm) {
    return tokens.rotate(Objects.requireNonNull(algorithm, "algorithm"));
  }

  /**
   * Lists one user's sessions in one tenant, newest first, at most {@link SessionEngine#MAX_USER_SESSIONS}.
   *
   * @param status only sessions in this status; {@code null} for any
   * @return never {@code null}; empty if the user has none
   */
  List<Session> listForUser(String tenantId, String userId, SessionStatus status) {
    FieldRules.tenantId("tenantId", tenantId);
    FieldRules.requiredText("userId", userId, MAX_ID);
    Instant now = now();
    return store.listForUser(tenantId, userId, status, now, SessionEngine.MAX_USER_SESSIONS).stream()
        .map(r -> Session.of(r, now))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Searches inside one tenant, one page at a time.
   *
   * @throws SessiondException {@link ErrorCode#INVALID_PAGE_SIZE}, {@link
   *     ErrorCode#INVALID_PAGE_TOKEN}, or a field error
   */
  Page<Session> search(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    String tenantId = FieldRules.tenantId("tenantId", request.tenantId());
    int pageSize = request.pageSize() == 0 ? SearchRequest.DEFAULT_PAGE_SIZE : request.pageSize();
    if (pageSize < 1 || pageSize > SearchRequest.MAX_PAGE_SIZE) {
      throw new SessiondException(ErrorCode.INVALID_PAGE_SIZE,
          "pageSize must be between 1 and " + SearchRequest.MAX_PAGE_SIZE);
    }
    String username = request.usernamePrefix() == null || request.usernamePrefix().isEmpty()
        ? null : FieldRules.optionalText("username", request.usernamePrefix(), MAX_TEXT);
    String ip = request.ip() == null || request.ip().isEmpty()
        ? null : FieldRules.ip("ip", request.ip());
    String ipPrefix = FieldRules.ipPrefix("ipPrefix", request.ipPrefix());
    Cursor after = PageTokens.decode(request.pageToken());
    Instant now = now();
    SessionQuery query = new SessionQuery(tenantId, username, ip, ipPrefix, request.clientType(),
        request.status(), after, pageSize + 1);
    List<SessionRecord> rows = store.search(query, now);
    List<SessionRecord> page = rows.size() > pageSize ? rows.subList(0, pageSize) : rows;
    String next = rows.size() > pageSize ? PageTokens.encode(Cursor.of(page.get(pageSize - 1))) : null;
    return new Page<>(page.stream().map(r -> Session.of(r, now)).collect(Collectors.toList()), next);
  }

  /**
   * Reads up to {@link SessionEngine#MAX_BATCH_IDS} sessions at once and returns only the active ones found, in
   * the order asked, each once. Ids with no session, an ended session, or (when {@code tenantId} is
   * given) a session of another tenant are left out, and nothing tells those cases apart.
   *
   * @param tenantId only sessions of this tenant; {@code null} for any
   * @throws SessiondException {@link ErrorCode#TOO_MANY_IDS}, {@link ErrorCode#INVALID_SESSION_ID}
   */
  List<Session> batchGet(String tenantId, List<String> ids) {
    if (tenantId != null) {
      FieldRules.tenantId("tenantId", tenantId);
    }
    if (ids == null) {
      throw FieldRules.missing("ids");
    }
    if (ids.size() > SessionEngine.MAX_BATCH_IDS) {
      throw new SessiondException(
          ErrorCode.TOO_MANY_IDS, "ids may name at most " + SessionEngine.MAX_BATCH_IDS + " sessions");
    }
    LinkedHashSet<String> wanted = new LinkedHashSet<>();
    for (String id : ids) {
      wanted.add(FieldRules.sessionId("ids[]", id));
    }
    Instant now = now();
    Map<String, SessionRecord> found = store.findAll(wanted).stream()
        .filter(r -> tenantId == null || r.tenantId().equals(tenantId))
        .filter(r -> r.isActiveAt(now))
        .collect(Collectors.toMap(SessionRecord::id, Function.identity()));
    List<Session> result = new ArrayList<>(found.size());
    for (String id : wanted) {
      SessionRecord record = found.get(id);
      if (record != null) {
        result.add(Session.of(record, now));
      }
    }
    return result;
  }

  /**
   * Revokes a session durably and enforces it on this node.
   *
   * @return whether this call revoked it (it was active)
   */
  boolean endSession(String id, Ending ending) {
    if (store.revoke(id, ending)) {
      tokens.sessionRevoked(id, ending.at());
      return true;
    }
    return false;
  }

  /** The session a refresh token (current or rotated) or an active access token belongs to. */
  Optional<String> sessionOfToken(String token) {
    Optional<String> sessionId = refreshes.sessionOf(token);
    return sessionId.isPresent() ? sessionId
        : verify(token, VerifyContext.NONE).claims().map(VerifiedToken::sessionId);
  }

  Ending ending(String reason, String actor) {
    String why = FieldRules.optionalText("reason", reason, 128);
    return new Ending(now(), why.isEmpty() ? SessionEngine.DEFAULT_REASON : why,
        FieldRules.requiredText("actor", actor, MAX_TEXT));
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  static SessiondException notFound() {
    return new SessiondException(ErrorCode.SESSION_NOT_FOUND, "no such session");
  }

  private static SessiondException notActive() {
    return new SessiondException(ErrorCode.SESSION_NOT_ACTIVE, "the session has ended");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
