package dev.sessiond;

import dev.sessiond.internal.ApiKeyRegistry;
import dev.sessiond.internal.AuditTrail;
import dev.sessiond.internal.EventFollower;
import dev.sessiond.internal.EventHub;
import dev.sessiond.internal.ExternalSessions;
import dev.sessiond.internal.ExternalTokens;
import dev.sessiond.internal.FieldRules;
import dev.sessiond.internal.GrantKeeper;
import dev.sessiond.internal.RefreshRotation;
import dev.sessiond.internal.TokenAuthority;
import dev.sessiond.internal.Walls;
import dev.sessiond.store.ApiKeyStore;
import dev.sessiond.store.AuditStore;
import dev.sessiond.store.Ending;
import dev.sessiond.store.EventLog;
import dev.sessiond.store.RefreshTokenStore;
import dev.sessiond.store.RevocationStore;
import dev.sessiond.store.SessionLimitStore;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SessionStore;
import dev.sessiond.store.SessionSweeper;
import dev.sessiond.store.SigningKeyStore;
import dev.sessiond.store.SupportGrantRecord;
import dev.sessiond.store.SupportGrantStore;
import dev.sessiond.store.SweepLease;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
  /** The most bans one blacklist listing returns. */
  public static final int MAX_BLACKLIST_LISTING = 10_000;
  /** The longest a blacklist entry may last. */
  public static final Duration MAX_BLACKLIST_TTL = Duration.ofDays(366);
  /** The name of the {@link SweepLease} that hands the sweep to one node at a time. */
  static final String SWEEP_LEASE = "sweep";

  private final SessionStore store;
  private final Clock clock;
  private final EngineSettings settings;
  private final TokenAuthority tokens;
  private final RefreshRotation refreshes;
  private final ExternalSessions externalSessions;
  private final AuditTrail audit;
  private final SessionCore core;
  private final Walls walls;
  private final GrantKeeper grants;
  private final ApiKeyRegistry apiKeys;
  private final Duration auditRetention;
  private final Duration sweepLease;
  private final Duration eventRetention;
  private final long feedStart;
  private final String nodeId;
  private final Sessions sessionReads;
  private final Admin admin;
  private final SelfService self;
  private EventFollower follower;
  private EventHub hub;
  private EventFeed feed;

  SessionEngine(SessionEngineBuilder builder) {
    this.store = Objects.requireNonNull(builder.store, "store");
    if (!(store instanceof RefreshTokenStore && store instanceof SigningKeyStore
        && store instanceof RevocationStore && store instanceof ApiKeyStore
        && store instanceof SupportGrantStore && store instanceof AuditStore
        && store instanceof SweepLease)) {
      throw new IllegalArgumentException("the store must also be a RefreshTokenStore, "
          + "SigningKeyStore, RevocationStore, ApiKeyStore, SupportGrantStore, AuditStore and "
          + "SweepLease");
    }
    this.clock = builder.clock;
    this.settings = builder.settings;
    Map<String, SessionLimit> sessionLimits = Map.copyOf(builder.sessionLimits);
    if (!sessionLimits.isEmpty() && !(store instanceof SessionLimitStore)) {
      throw new IllegalArgumentException("session limits need a store that is a SessionLimitStore");
    }
    TokenSettings tokenSettings = builder.tokenSettings != null
        ? builder.tokenSettings : TokenSettings.defaults(randomKey());
    this.tokens = new TokenAuthority(tokenSettings, (SigningKeyStore) store,
        (RevocationStore) store, clock);
    this.refreshes = new RefreshRotation(store, (RefreshTokenStore) store, tokens,
        tokenSettings.refreshGrace(), clock);
    this.audit = new AuditTrail((AuditStore) store, clock);
    this.externalSessions = new ExternalSessions(store, settings, builder.userAgents, tokens,
        new ExternalTokens(builder.externalIssuers, clock), clock,
        tokenSettings.maxAccessTokenTtl(), audit);
    this.core = new SessionCore(store, clock, settings, builder.userAgents, tokens, refreshes,
        externalSessions, sessionLimits, audit);
    this.walls = new Walls((SupportGrantStore) store, audit, clock);
    this.grants = new GrantKeeper((SupportGrantStore) store, audit, clock,
        builder.maxSupportGrant, settings.sweepBatchSize(), core::endSession);
    this.apiKeys = new ApiKeyRegistry((ApiKeyStore) store, clock);
    this.auditRetention = builder.auditRetention;
    this.sweepLease = builder.sweepLease;
    this.nodeId = HexFormat.of().formatHex(randomBytes(8));
    this.sessionReads = new ScopedSessions(core, walls);
    this.admin = new ScopedAdmin(new ScopedSessionAdmin(core, walls, audit),
        new ScopedSupportGrants(walls, grants), new ScopedAuditLog(walls, (AuditStore) store),
        new ScopedApiKeys(walls, apiKeys, audit));
    this.self = new ScopedSelfService(core, audit, clock);
    this.eventRetention = builder.eventRetention;
    // Read before the state is loaded, so that following from here misses nothing in between.
    this.feedStart = store instanceof EventLog log ? log.lastEventSeq() : 0;
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
   * the grant's id, never outlives it and is revoked when the grant is. The session and its first
   * refresh token are stored in one durable write; if the tenant limits sessions per user, the
   * limit is enforced atomically (the open is refused, or the oldest are revoked first).
   *
   * @throws SessiondException {@link ErrorCode#MISSING_FIELD}, {@link ErrorCode#INVALID_FIELD},
   *     {@link ErrorCode#SESSION_LIMIT_REACHED}, {@link ErrorCode#METHOD_NOT_PERMITTED}, {@link
   *     ErrorCode#TENANT_NOT_PERMITTED}
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
    String detail = grant == null ? null : "support_grant=" + grant.id();
    return core.open(request, grant, record -> audit.prepare(context, "session.opened",
        record.tenantId(), record.id(), AuditTrail.SUCCESS, detail));
  }

  /**
   * Rotates a refresh token ({@link Method#SESSIONS_REFRESH}). A token of a session outside the
   * caller's walls is answered exactly as an unknown token. Trades the token for a new pair and slides the idle expiry. A token rotated away within the
   * grace window still works once more; a later use is reuse and revokes the session.
   *
   * @throws SessiondException {@link ErrorCode#INVALID_REFRESH_TOKEN}, {@link
   *     ErrorCode#SESSION_NOT_ACTIVE}, {@link ErrorCode#SESSION_BLACKLISTED}, {@link
   *     ErrorCode#REFRESH_TOKEN_REUSED}, {@link ErrorCode#METHOD_NOT_PERMITTED}
   */
  public OpenedSession refresh(CapabilityContext context, String refreshToken) {
    walls.requireMethod(context, Method.SESSIONS_REFRESH);
    Caller caller = context.caller();
    OpenedSession refreshed = refreshes.refresh(refreshToken,
        r -> walls.covers(caller, Method.SESSIONS_REFRESH, r.tenantId()),
        id -> revokeForReuse(id, context), session -> audit.prepare(context,
            "session.refreshed", session.tenantId(), session.id(), AuditTrail.SUCCESS, null));
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
   * Records activity on a session ({@link Method#SESSIONS_TOUCH}): slides the idle expiry, never
   * past the absolute lifetime, writing to the store at most once per touch interval. A session
   * outside the caller's walls is {@link ErrorCode#SESSION_NOT_FOUND}, as an unknown one.
   *
   * @return the view after the touch
   * @throws SessiondException {@link ErrorCode#SESSION_NOT_FOUND}, {@link
   *     ErrorCode#SESSION_NOT_ACTIVE}, {@link ErrorCode#INVALID_SESSION_ID}
   */
  public Session touch(CapabilityContext context, String id) {
    walls.requireMethod(context, Method.SESSIONS_TOUCH);
    FieldRules.sessionId("id", id);
    SessionRecord found = store.find(id)
        .filter(r -> walls.sees(context, Method.SESSIONS_TOUCH, r.tenantId()))
        .orElseThrow(SessionCore::notFound);
    return core.touch(found);
  }

  /**
   * Revokes the session a token belongs to (RFC 7009; {@link Method#SESSIONS_REVOKE}). A token of
   * a session outside the caller's walls changes nothing, exactly as an unknown token.
   *
   * @return whether a session was revoked by this call
   */
  public boolean revokeToken(CapabilityContext context, String token, String reason) {
    walls.requireMethod(context, Method.SESSIONS_REVOKE);
    Optional<SessionRecord> session = core.sessionOfToken(token)
        .flatMap(store::find)
        .filter(r -> walls.sees(context, Method.SESSIONS_REVOKE, r.tenantId()));
    if (session.isEmpty()) {
      return false;
    }
    Ending ending = core.ending(reason, context.caller().actor());
    boolean revoked = core.endSession(session.get().id(), ending);
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
    String kid = core.rotateSigningKey(algorithm);
    audit.record(context, "signing_key.rotated", null, kid, AuditTrail.SUCCESS,
        algorithm.name());
    return kid;
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
    return refreshes.refresh(refreshToken, r -> true, id -> revokeForReuse(id, null), r -> null);
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
    return core.verify(accessToken, context);
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











  /** The public signing keys whose tokens may still be valid, as a JWK Set JSON document. */
  public String publicKeysJson() {
    return tokens.publicKeys().toString(true);
  }

  /** How long a client may cache {@link #publicKeysJson()}. */
  public Duration publicKeysMaxAge() {
    return tokens.publicKeysMaxAge();
  }





  /**
   * Periodic upkeep. On every node: re-reads the signing keys (picking up keys other nodes made)
   * and forgets revocations no live token can need any more. Then, only if this engine takes or
   * renews the {@link SweepLease} {@code "sweep"} (held for {@link
   * SessionEngineBuilder#sweepLease}), so that one node of those sharing the store sweeps at a
   * time: rotates signing keys that are due and deletes dead ones, drops lapsed blacklist entries,
   * expires support grants, marks sessions past their expiry as expired, then deletes ended
   * sessions older than the retention window and audit records older than their retention, in
   * batches until none are left.
   *
   * @return what this call expired and purged; {@code (0, 0)} if another node holds the lease
   */
  public SweepResult sweep() {
    Instant now = now();
    tokens.refresh();
    if (!((SweepLease) store).tryLease(SWEEP_LEASE, nodeId, now, now.plus(sweepLease))) {
      return new SweepResult(0, 0);
    }
    tokens.maintain(settings.sweepBatchSize());
    grants.expireDue();
    if (!(store instanceof SessionSweeper)) {
      return new SweepResult(0, 0);
    }
    SessionSweeper sweeper = (SessionSweeper) store;
    int batch = settings.sweepBatchSize();
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
    if (store instanceof EventLog log) {
      Instant eventCutoff = now.minus(eventRetention);
      for (int n = batch; n == batch; ) {
        n = log.purgeEventsBefore(eventCutoff, batch);
      }
    }
    return new SweepResult(expired, purged);
  }

  /**
   * Starts following the store's event feed on a daemon thread, from the position the store had
   * when this engine was built: every revocation, blacklist entry, watermark, signing-key rotation
   * and API-key revocation written by another node (or process) is then enforced here too, within
   * moments. Idempotent.
   *
   * @return the feed, for subscribers
   * @throws IllegalStateException if the store is no {@link EventLog}, or after {@link #close()}
   */
  public synchronized EventFeed startFollowing() {
    if (feed != null) {
      return feed;
    }
    if (!(store instanceof EventLog log)) {
      throw new IllegalStateException("this store keeps no event feed, so nodes cannot follow it");
    }
    if (hub == null) {
      hub = new EventHub(log, feedStart, clock);
    } else {
      throw new IllegalStateException("this engine is closed");
    }
    follower = new EventFollower(log, hub, feedStart, this::applyFromFeed, this::resync, clock);
    EventFollower running = follower;
    feed = new ScopedEventFeed(hub, walls, running::isFresh, running::position);
    running.start();
    return feed;
  }

  /**
   * The event feed this engine follows.
   *
   * @throws IllegalStateException if {@link #startFollowing()} was never called
   * @throws SessiondException {@link ErrorCode#UNAVAILABLE} after {@link #close()}
   */
  public synchronized EventFeed events() {
    if (feed == null && hub != null) {
      throw new SessiondException(ErrorCode.UNAVAILABLE, "this node is shutting down");
    }
    if (feed == null) {
      throw new IllegalStateException("call startFollowing() first");
    }
    return feed;
  }

  /**
   * Stops following the feed and ends every subscription ({@code shutting_down}). The store is
   * not closed: it belongs to whoever built the engine. Idempotent; without {@link
   * #startFollowing()} there is nothing to stop.
   */
  public synchronized void close() {
    if (follower != null) {
      follower.stop();
      hub.close();
      follower = null;
      feed = null;
    }
  }

  /** Applies an event read from the feed to this node; idempotent. */
  private void applyFromFeed(Event event) {
    tokens.apply(event);
    if (event.type() == EventType.API_KEY_REVOKED) {
      apiKeys.forget(event.name());
    }
  }

  /** Reloads what this node holds from the store, after the feed lost events for it. */
  private void resync() {
    tokens.start();
    apiKeys.forgetAll();
  }

  /** The operations behind the capabilities; for this package's tests. */
  SessionCore core() {
    return core;
  }

  /** Revokes a session whose rotated-away refresh token came back, and records the reuse. */
  private void revokeForReuse(String id, CapabilityContext context) {
    Ending ending = new Ending(now(), RefreshRotation.REUSE_REASON, Ending.SYSTEM);
    core.endSession(id, ending);
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


  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }


  private static byte[] randomKey() {
    return randomBytes(32);
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }


}
