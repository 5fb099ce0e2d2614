package dev.sessiond;

import dev.sessiond.internal.ApiKeyRegistry;
import dev.sessiond.internal.AuditTrail;
import dev.sessiond.internal.ExternalSessions;
import dev.sessiond.internal.ExternalTokens;
import dev.sessiond.internal.FieldRules;
import dev.sessiond.internal.GrantKeeper;
import dev.sessiond.internal.PageTokens;
import dev.sessiond.internal.RefreshRotation;
import dev.sessiond.internal.SessionIds;
import dev.sessiond.internal.TokenAuthority;
import dev.sessiond.internal.Walls;
import dev.sessiond.store.ApiKeyStore;
import dev.sessiond.store.AuditStore;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Cursor;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RefreshTokenStore;
import dev.sessiond.store.RevocationStore;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.SessionLimitStore;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SessionStore;
import dev.sessiond.store.SessionSweeper;
import dev.sessiond.store.SigningKeyStore;
import dev.sessiond.store.SupportGrantRecord;
import dev.sessiond.store.SupportGrantStore;
import dev.sessiond.store.Watermark;
import java.security.SecureRandom;
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
 * Opens, reads, touches, searches and ends sessions on a {@link SessionStore}, and issues, refreshes
 * and verifies their tokens. All time comes from the injected {@link Clock}, truncated to
 * milliseconds. Every input is validated here, so every front end (Java, HTTP) rejects the same
 * things with the same {@link ErrorCode}. Every revocation is durable in the store, then enforced by
 * this engine's verifier, before the call returns. Thread-safe.
 */
public final class SessionEngine {
  /** The most ids one batch get may name. */
  public static final int MAX_BATCH_IDS = 100;
  /** The most sessions one user listing returns. */
  public static final int MAX_USER_SESSIONS = 1000;
  /** The reason recorded when none is given. */
  public static final String DEFAULT_REASON = "revoked";
  /** The longest a blacklist entry may last. */
  public static final Duration MAX_BLACKLIST_TTL = Duration.ofDays(366);

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
  private final Walls walls;
  private final GrantKeeper grants;
  private final ApiKeyRegistry apiKeys;
  private final Duration auditRetention;
  private final Sessions sessionReads;
  private final Admin admin;
  private final SelfService self;

  SessionEngine(SessionEngineBuilder builder) {
    this.store = Objects.requireNonNull(builder.store, "store");
    if (!(store instanceof RefreshTokenStore && store instanceof SigningKeyStore
        && store instanceof RevocationStore && store instanceof ApiKeyStore
        && store instanceof SupportGrantStore && store instanceof AuditStore)) {
      throw new IllegalArgumentException("the store must also be a RefreshTokenStore, "
          + "SigningKeyStore, RevocationStore, ApiKeyStore, SupportGrantStore and AuditStore");
    }
    this.clock = builder.clock;
    this.settings = builder.settings;
    this.userAgents = builder.userAgents;
    this.revocations = (RevocationStore) store;
    this.sessionLimits = Map.copyOf(builder.sessionLimits);
    if (!sessionLimits.isEmpty() && !(store instanceof SessionLimitStore)) {
      throw new IllegalArgumentException("session limits need a store that is a SessionLimitStore");
    }
    TokenSettings tokenSettings = builder.tokenSettings != null
        ? builder.tokenSettings : TokenSettings.defaults(randomKey());
    this.tokens = new TokenAuthority(tokenSettings, (SigningKeyStore) store, revocations, clock);
    this.refreshes = new RefreshRotation(store, (RefreshTokenStore) store, tokens,
        tokenSettings.refreshGrace(), clock);
    this.externalSessions = new ExternalSessions(store, settings, userAgents, tokens,
        new ExternalTokens(builder.externalIssuers, clock), clock,
        tokenSettings.maxAccessTokenTtl());
    this.audit = new AuditTrail((AuditStore) store, clock);
    this.walls = new Walls((SupportGrantStore) store, audit, clock);
    this.grants = new GrantKeeper((SupportGrantStore) store, audit, clock,
        builder.maxSupportGrant, settings.sweepBatchSize(), this::endSession);
    this.apiKeys = new ApiKeyRegistry((ApiKeyStore) store, clock);
    this.auditRetention = builder.auditRetention;
    this.sessionReads = new ScopedSessions(this, walls);
    this.admin = new ScopedAdmin(new ScopedSessionAdmin(this, walls, audit),
        new ScopedSupportGrants(walls, grants), new ScopedAuditLog(walls, (AuditStore) store),
        new ScopedApiKeys(walls, apiKeys, audit));
    this.self = new ScopedSelfService(this, audit, clock);
    tokens.start();
    if (builder.bootstrapKey != null) {
      apiKeys.installBootstrap(builder.bootstrapKey);
    }
  }

  /** A builder; only {@link SessionEngineBuilder#store} is required. */
  public static SessionEngineBuilder builder() {
    return new SessionEngineBuilder();
  }

  /** The settings in force. */
  public EngineSettings settings() {
    return settings;
  }

  /** The read-only session capability: get, search, batch get, a user's sessions. */
  public Sessions sessions() {
    return sessionReads;
  }

  /** The governed capabilities: revoke and blacklist, support grants, audit, API keys. */
  public Admin admin() {
    return admin;
  }

  /** End users' own sessions. */
  public SelfService self() {
    return self;
  }

  /**
   * The caller a bearer credential stands for: an access token of sessiond (a {@linkplain
   * Caller#sessionUser session user}) or an API key.
   *
   * @param bearer may be {@code null} or anything
   * @return empty if it is neither a live key nor an active token
   */
  public Optional<Caller> authenticate(String bearer) {
    if (bearer == null || bearer.isEmpty()) {
      return Optional.empty();
    }
    if (bearer.indexOf('.') > 0) {
      return tokens.verify(bearer).claims().map(t ->
          Caller.sessionUser(t.tenantId(), t.subject(), t.sessionId(), t.roles()));
    }
    return apiKeys.authenticate(bearer);
  }

  /**
   * Whether {@link #authenticate} would answer {@code bearer} from memory alone, without store I/O:
   * for access tokens always, for API keys when the key was looked up recently. Lets a server
   * answer on its event loop and move only the rest to workers.
   */
  public boolean authenticatesFromMemory(String bearer) {
    return bearer == null || bearer.indexOf('.') > 0 || apiKeys.answersFromMemory(bearer);
  }

  /**
   * Opens a session ({@link Method#SESSIONS_CREATE}) in the request's tenant. A global admin opens
   * only their own sessions, only in a tenant with an active support grant; such a session carries
   * the grant's id, never outlives it and is revoked when the grant is.
   *
   * @throws SessiondException as {@link #open(OpenRequest)}, and {@link
   *     ErrorCode#METHOD_NOT_PERMITTED}, {@link ErrorCode#TENANT_NOT_PERMITTED}
   */
  public OpenedSession open(CapabilityContext context, OpenRequest request) {
    Objects.requireNonNull(request, "request");
    Caller caller = context.caller();
    SupportGrantRecord grant = null;
    List<String> roles = request.roles() == null ? List.of() : request.roles();
    if (caller.kind() == Caller.Kind.GLOBAL_ADMIN) {
      String tenant = walls.requireTenant(context, Method.SESSIONS_CREATE, request.tenantId());
      if (!caller.id().equals(request.userId())) {
        throw FieldRules.invalid("userId", "a global admin opens sessions only for themselves");
      }
      if (roles.contains(Caller.ORG_ADMIN_ROLE) || roles.contains(Caller.GLOBAL_ADMIN_ROLE)) {
        // Else an org-admin session under the grant could make itself a longer grant.
        throw FieldRules.invalid("roles", "a support session cannot carry an admin role");
      }
      grant = walls.activeGrant(tenant).orElseThrow(() -> new SessiondException(
          ErrorCode.TENANT_NOT_PERMITTED, "the tenant's support grant has just ended"));
    } else {
      walls.requireTenant(context, Method.SESSIONS_CREATE, request.tenantId());
      if (roles.contains(Caller.GLOBAL_ADMIN_ROLE) && !caller.allTenants()) {
        // The role reaches into every tenant that grants support, so only a caller of every
        // tenant may hand it out.
        walls.requireEveryTenant(context, Method.SESSIONS_CREATE);
      }
    }
    OpenedSession opened = open(request, grant);
    audit.record(context, "session.opened", opened.session().tenantId(), opened.session().id(),
        AuditTrail.SUCCESS, grant == null ? null : "support_grant=" + grant.id());
    return opened;
  }

  /**
   * Rotates a refresh token ({@link Method#SESSIONS_REFRESH}). A token of a session outside the
   * caller's walls is answered exactly as an unknown token.
   *
   * @throws SessiondException as {@link #refresh(String)}
   */
  public OpenedSession refresh(CapabilityContext context, String refreshToken) {
    walls.requireMethod(context, Method.SESSIONS_REFRESH);
    Caller caller = context.caller();
    OpenedSession refreshed = refreshes.refresh(refreshToken,
        r -> walls.covers(caller, Method.SESSIONS_REFRESH, r.tenantId()),
        id -> revokeForReuse(id, context));
    audit.record(context, "session.refreshed", refreshed.session().tenantId(),
        refreshed.session().id(), AuditTrail.SUCCESS, null);
    return refreshed;
  }

  /**
   * Verifies an access token for a caller ({@link Method#SESSIONS_VERIFY}): as {@link
   * #verify(String, VerifyContext)}, inside the caller's walls: a caller of one tenant gets {@link
   * Verification.Outcome#INVALID} for every other tenant's token.
   *
   * @throws SessiondException {@link ErrorCode#METHOD_NOT_PERMITTED}, {@link
   *     ErrorCode#TENANT_NOT_PERMITTED} if the verify context names a tenant outside the walls
   */
  public Verification verify(CapabilityContext context, String accessToken,
      VerifyContext verifyContext) {
    return verify(accessToken, walled(context, Method.SESSIONS_VERIFY, verifyContext));
  }

  /**
   * Opens (or finds) the session of an OAuth token set ({@link Method#SESSIONS_CREATE}), as {@link
   * #openFromTokenSet(String, String, String, VerifyContext)}, inside the caller's walls.
   */
  public Session openFromTokenSet(CapabilityContext context, String accessToken,
      String refreshToken, String idToken, VerifyContext verifyContext) {
    VerifyContext walled = walled(context, Method.SESSIONS_CREATE, verifyContext);
    Session session = openFromTokenSet(accessToken, refreshToken, idToken, walled);
    if (!walls.covers(context.caller(), Method.SESSIONS_CREATE, session.tenantId())) {
      throw new SessiondException(ErrorCode.INVALID_TOKEN, "the access token is not valid");
    }
    audit.record(context, "session.opened", session.tenantId(), session.id(), AuditTrail.SUCCESS,
        "from_token_set");
    return session;
  }

  /**
   * Records activity on a session ({@link Method#SESSIONS_TOUCH}), as {@link #touch(String)}. A
   * session outside the caller's walls is {@link ErrorCode#SESSION_NOT_FOUND}.
   */
  public Session touch(CapabilityContext context, String id) {
    walls.requireMethod(context, Method.SESSIONS_TOUCH);
    FieldRules.sessionId("id", id);
    Optional<SessionRecord> found = store.find(id);
    if (found.isEmpty() || !visible(context, Method.SESSIONS_TOUCH, found.get().tenantId())) {
      throw notFound();
    }
    return touch(id);
  }

  /**
   * Revokes the session a token belongs to (RFC 7009; {@link Method#SESSIONS_REVOKE}). A token of
   * a session outside the caller's walls changes nothing, exactly as an unknown token.
   *
   * @return whether a session was revoked by this call
   */
  public boolean revokeToken(CapabilityContext context, String token, String reason) {
    walls.requireMethod(context, Method.SESSIONS_REVOKE);
    Optional<SessionRecord> session = sessionOfToken(token)
        .flatMap(store::find)
        .filter(r -> visible(context, Method.SESSIONS_REVOKE, r.tenantId()));
    if (session.isEmpty()) {
      return false;
    }
    Ending ending = ending(reason, context.caller().actor());
    boolean revoked = endSession(session.get().id(), ending);
    if (revoked) {
      audit.record(context, "session.revoked", session.get().tenantId(), session.get().id(),
          AuditTrail.SUCCESS, ending.reason());
    }
    return revoked;
  }

  /**
   * Makes a new active signing key for {@code algorithm} ({@link Method#KEYS_ROTATE}; callers of
   * every tenant only, since keys serve every tenant).
   *
   * @return the new key's id
   */
  public String rotateSigningKey(CapabilityContext context, SigningAlgorithm algorithm) {
    walls.requireEveryTenant(context, Method.KEYS_ROTATE);
    String kid = rotateSigningKey(algorithm);
    audit.record(context, "signing_key.rotated", null, kid, AuditTrail.SUCCESS,
        algorithm.name());
    return kid;
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
    return open(request, null);
  }

  /** Opens a session; under {@code grant}, if not {@code null}, which it then never outlives. */
  OpenedSession open(OpenRequest request, SupportGrantRecord grant) {
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
    String refreshToken = limit == null ? refreshes.open(record)
        : refreshes.openWithinLimit(record, (SessionLimitStore) store, limit,
            new Ending(now, SessionLimit.EVICTION_REASON, Ending.SYSTEM),
            evicted -> {
              tokens.sessionRevoked(evicted, now);
              audit.system("session.revoked", tenantId, evicted, SessionLimit.EVICTION_REASON);
            });
    return new OpenedSession(Session.of(record, now), tokens.issue(record, refreshToken, now));
  }

  /**
   * Trades a refresh token for a new pair (the old one is rotated away) and slides the session's
   * idle expiry. A token rotated away within the grace window still works once more; a later use
   * is reuse and revokes the session.
   *
   * @throws SessiondException {@link ErrorCode#INVALID_REFRESH_TOKEN}, {@link
   *     ErrorCode#SESSION_NOT_ACTIVE}, {@link ErrorCode#SESSION_BLACKLISTED} or {@link
   *     ErrorCode#REFRESH_TOKEN_REUSED}
   */
  OpenedSession refresh(String refreshToken) {
    return refreshes.refresh(refreshToken, r -> true, id -> revokeForReuse(id, null));
  }

  /**
   * Verifies an access token: signature (cached per token until {@code exp}), issuer, lifetime,
   * then, on every call, revocation, blacklist and watermarks. Never touches the store.
   *
   * @param accessToken may be {@code null} or anything; bad input is {@link
   *     Verification.Outcome#INVALID}, never an exception
   */
  public Verification verify(String accessToken) {
    return verify(accessToken, VerifyContext.NONE);
  }

  /**
   * Verifies an access token of sessiond or of an external issuer a tenant trusts. The first time a
   * valid external token of a session is seen, the session is recorded (with the context's IP and
   * User-Agent); later tokens of a known session do not touch the store. When the context names a
   * tenant, a token of any other tenant is {@link Verification.Outcome#INVALID}.
   *
   * @param context never {@code null}; {@link VerifyContext#NONE} when nothing is known
   * @throws SessiondException {@link ErrorCode#UNAVAILABLE} only if recording a new external
   *     session fails in the store; bad tokens are never an exception
   */
  public Verification verify(String accessToken, VerifyContext context) {
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

  /**
   * Opens (or finds) the session of an OAuth token set from a trusted external issuer, after
   * verifying its tokens: the access token must verify and name its session; an ID token, if
   * given, must verify against the same issuer and have the same subject. The refresh token is
   * the issuer's own and is never stored.
   *
   * @param refreshToken may be {@code null}; ignored
   * @param idToken may be {@code null}
   * @throws SessiondException {@link ErrorCode#INVALID_TOKEN}, {@link
   *     ErrorCode#MISSING_SESSION_CLAIM}, or {@link ErrorCode#SESSION_NOT_ACTIVE} if the session was
   *     revoked or blacklisted
   */
  Session openFromTokenSet(String accessToken, String refreshToken, String idToken,
      VerifyContext context) {
    Objects.requireNonNull(context, "context");
    FieldRules.requiredText("accessToken", accessToken, 8192);
    return externalSessions.openFromTokenSet(accessToken, idToken, context);
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
    Instant now = now();
    SessionRecord record = store.find(id).orElseThrow(SessionEngine::notFound);
    if (!record.isActiveAt(now)) {
      throw notActive();
    }
    if (record.lastActiveAt().plus(settings.touchInterval()).isAfter(now)) {
      return Session.of(record, now);
    }
    Instant expiresAt = earlier(now.plus(record.idleTimeout()), record.absoluteExpiresAt());
    return store.touch(id, now, expiresAt)
        .map(r -> Session.of(r, now))
        .orElseThrow(SessionEngine::notActive);
  }

  /**
   * Revokes one session. Durable before it returns. Revoking a session that has already ended
   * changes nothing and answers its current view.
   *
   * @param reason {@code null} or empty records {@link #DEFAULT_REASON}
   * @param actor who is revoking, never {@code null}
   * @return the view after the revoke
   * @throws SessiondException {@link ErrorCode#SESSION_NOT_FOUND} if there is no such session
   */
  Session revoke(String id, String reason, String actor) {
    FieldRules.sessionId("id", id);
    endSession(id, ending(reason, actor));
    Instant now = now();
    return store.find(id).map(r -> Session.of(r, now)).orElseThrow(SessionEngine::notFound);
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
   * @param ttl positive, at most {@link #MAX_BLACKLIST_TTL}
   * @return the entry in force (a longer existing ban is kept)
   */
  BlacklistEntry blacklist(String tenantId, String name, Duration ttl) {
    FieldRules.tenantId("tenantId", tenantId);
    FieldRules.requiredText("name", name, MAX_TEXT);
    if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_BLACKLIST_TTL) > 0) {
      throw FieldRules.invalid("ttl", "must be between 1 second and " + MAX_BLACKLIST_TTL.toDays()
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

  /** The public signing keys whose tokens may still be valid, as a JWK Set JSON document. */
  public String publicKeysJson() {
    return tokens.publicKeys().toString(true);
  }

  /** How long a client may cache {@link #publicKeysJson()}. */
  public Duration publicKeysMaxAge() {
    return tokens.publicKeysMaxAge();
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
   * Lists one user's sessions in one tenant, newest first, at most {@link #MAX_USER_SESSIONS}.
   *
   * @param status only sessions in this status; {@code null} for any
   * @return never {@code null}; empty if the user has none
   */
  List<Session> listForUser(String tenantId, String userId, SessionStatus status) {
    FieldRules.tenantId("tenantId", tenantId);
    FieldRules.requiredText("userId", userId, MAX_ID);
    Instant now = now();
    return store.listForUser(tenantId, userId, status, now, MAX_USER_SESSIONS).stream()
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
   * Reads up to {@link #MAX_BATCH_IDS} sessions at once and returns only the active ones found, in
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
    if (ids.size() > MAX_BATCH_IDS) {
      throw new SessiondException(
          ErrorCode.TOO_MANY_IDS, "ids may name at most " + MAX_BATCH_IDS + " sessions");
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
   * Marks sessions past their expiry as expired, then deletes ended sessions older than the
   * retention window, in batches until none are left. Also rotates signing keys that are due and
   * forgets revocations no live token can need any more.
   */
  public SweepResult sweep() {
    tokens.maintain(settings.sweepBatchSize());
    grants.expireDue();
    if (!(store instanceof SessionSweeper)) {
      return new SweepResult(0, 0);
    }
    SessionSweeper sweeper = (SessionSweeper) store;
    int batch = settings.sweepBatchSize();
    Instant now = now();
    int expired = 0;
    for (int n = batch; n == batch; expired += n) {
      n = sweeper.expireDue(now, batch);
    }
    Instant cutoff = now.minus(settings.retention());
    int purged = 0;
    for (int n = batch; n == batch; purged += n) {
      n = sweeper.purgeEndedBefore(cutoff, batch);
    }
    Instant auditCutoff = now.minus(auditRetention);
    for (int n = batch; n == batch; ) {
      n = ((AuditStore) store).purgeAuditBefore(auditCutoff, batch);
    }
    return new SweepResult(expired, purged);
  }

  /** Whether {@code context}'s caller may call {@code method} on something in {@code tenantId}. */
  boolean visible(CapabilityContext context, Method method, String tenantId) {
    return walls.covers(context.caller(), method, tenantId);
  }

  /** The store, for the capability classes' reads. */
  SessionStore store() {
    return store;
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
  private Optional<String> sessionOfToken(String token) {
    Optional<String> sessionId = refreshes.sessionOf(token);
    return sessionId.isPresent() ? sessionId
        : verify(token).claims().map(VerifiedToken::sessionId);
  }

  /** Revokes a session whose rotated-away refresh token came back, and records the reuse. */
  private void revokeForReuse(String id, CapabilityContext context) {
    Ending ending = new Ending(now(), RefreshRotation.REUSE_REASON, Ending.SYSTEM);
    endSession(id, ending);
    String tenantId = store.find(id).map(SessionRecord::tenantId).orElse(null);
    if (context == null) {
      audit.system("refresh_token.reused", tenantId, id, "session_revoked");
    } else {
      audit.record(context, "refresh_token.reused", tenantId, id, AuditTrail.DENIED,
          "session_revoked");
    }
  }

  /**
   * {@code verifyContext} inside the caller's walls: naming the caller's tenant when it has just
   * one, refused when it names one the caller may not act in.
   */
  private VerifyContext walled(CapabilityContext context, Method method,
      VerifyContext verifyContext) {
    Objects.requireNonNull(verifyContext, "verifyContext");
    walls.requireMethod(context, method);
    Caller caller = context.caller();
    String tenant = verifyContext.tenantId() != null ? verifyContext.tenantId() : context.tenantId();
    if (tenant != null) {
      walls.requireTenant(context, method, tenant);
    } else if (!caller.allTenants() && caller.sessionId() == null) {
      tenant = caller.tenantId();
    }
    return tenant == null || tenant.equals(verifyContext.tenantId()) ? verifyContext
        : new VerifyContext(tenant, verifyContext.ip(), verifyContext.userAgent());
  }

  private Ending ending(String reason, String actor) {
    String why = FieldRules.optionalText("reason", reason, 128);
    return new Ending(now(), why.isEmpty() ? DEFAULT_REASON : why,
        FieldRules.requiredText("actor", actor, MAX_TEXT));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static SessiondException notFound() {
    return new SessiondException(ErrorCode.SESSION_NOT_FOUND, "no such session");
  }

  private static SessiondException notActive() {
    return new SessiondException(ErrorCode.SESSION_NOT_ACTIVE, "the session has ended");
  }
}
