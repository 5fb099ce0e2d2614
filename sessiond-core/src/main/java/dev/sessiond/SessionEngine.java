package dev.sessiond;

import dev.sessiond.internal.FieldRules;
import dev.sessiond.internal.PageTokens;
import dev.sessiond.internal.SessionIds;
import dev.sessiond.store.Cursor;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SessionStore;
import dev.sessiond.store.SessionSweeper;
import java.time.Clock;
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
 * Opens, reads, touches, searches and ends sessions on a {@link SessionStore}. All time comes from
 * the injected {@link Clock}, truncated to milliseconds. Every input is validated here, so every
 * front end (Java, HTTP) rejects the same things with the same {@link ErrorCode}. Thread-safe.
 */
public final class SessionEngine {
  /** The most ids one batch get may name. */
  public static final int MAX_BATCH_IDS = 100;
  /** The most sessions one user listing returns. */
  public static final int MAX_USER_SESSIONS = 1000;
  /** The reason recorded when none is given. */
  public static final String DEFAULT_REASON = "revoked";

  private static final int MAX_ID = 128;
  private static final int MAX_TEXT = 256;
  private static final int MAX_USER_AGENT = 1024;

  private final SessionStore store;
  private final Clock clock;
  private final EngineSettings settings;
  private final UserAgentParser userAgents;

  private SessionEngine(Builder builder) {
    this.store = Objects.requireNonNull(builder.store, "store");
    this.clock = builder.clock;
    this.settings = builder.settings;
    this.userAgents = builder.userAgents;
  }

  /** A builder; only {@link Builder#store} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The settings in force. */
  public EngineSettings settings() {
    return settings;
  }

  /**
   * Opens a session and stores it durably before returning.
   *
   * @throws SessiondException {@link ErrorCode#MISSING_FIELD} or {@link ErrorCode#INVALID_FIELD}
   */
  public Session open(OpenRequest request) {
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
    SessionRecord record = new SessionRecord(SessionIds.generate(), tenantId, userId, username,
        roles, clientType, deptName, ip, userAgent, agent.browser(), agent.os(), attributes, now,
        now, earlier(now.plus(policy.idleTimeout()), absoluteExpiry), absoluteExpiry,
        policy.idleTimeout(), SessionStatus.ACTIVE, null);
    store.insert(record);
    return Session.of(record, now);
  }

  /**
   * Reads one session in any status.
   *
   * @return the view, or empty if there is no such session
   * @throws SessiondException {@link ErrorCode#INVALID_SESSION_ID} if {@code id} is malformed
   */
  public Optional<Session> get(String id) {
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
  public Session touch(String id) {
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
  public Session revoke(String id, String reason, String actor) {
    FieldRules.sessionId("id", id);
    Ending ending = ending(reason, actor);
    store.revoke(id, ending);
    Instant now = now();
    return store.find(id).map(r -> Session.of(r, now)).orElseThrow(SessionEngine::notFound);
  }

  /**
   * Revokes every active session of one user in one tenant. Durable before it returns.
   *
   * @return the ids of the sessions this call revoked (empty if there were none)
   */
  public List<String> revokeAllForUser(String tenantId, String userId, String reason, String actor) {
    FieldRules.tenantId("tenantId", tenantId);
    FieldRules.requiredText("userId", userId, MAX_ID);
    return store.revokeAllForUser(tenantId, userId, ending(reason, actor));
  }

  /**
   * Lists one user's sessions in one tenant, newest first, at most {@link #MAX_USER_SESSIONS}.
   *
   * @param status only sessions in this status; {@code null} for any
   * @return never {@code null}; empty if the user has none
   */
  public List<Session> listForUser(String tenantId, String userId, SessionStatus status) {
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
  public Page<Session> search(SearchRequest request) {
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
  public List<Session> batchGet(String tenantId, List<String> ids) {
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
   * retention window, in batches until none are left. Does nothing if the store cannot sweep.
   */
  public SweepResult sweep() {
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
    return new SweepResult(expired, purged);
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

  private static SessiondException notFound() {
    return new SessiondException(ErrorCode.SESSION_NOT_FOUND, "no such session");
  }

  private static SessiondException notActive() {
    return new SessiondException(ErrorCode.SESSION_NOT_ACTIVE, "the session has ended");
  }

  /** Builds a {@link SessionEngine}. */
  public static final class Builder {
    private SessionStore store;
    private Clock clock = Clock.systemUTC();
    private EngineSettings settings = EngineSettings.DEFAULT;
    private UserAgentParser userAgents = UserAgentParser.standard();

    private Builder() {}

    /** The store; required. */
    public Builder store(SessionStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** The clock; the system UTC clock if not set. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The settings; {@link EngineSettings#DEFAULT} if not set. */
    public Builder settings(EngineSettings value) {
      this.settings = Objects.requireNonNull(value, "settings");
      return this;
    }

    /** The User-Agent parser; {@link UserAgentParser#standard()} if not set. */
    public Builder userAgentParser(UserAgentParser value) {
      this.userAgents = Objects.requireNonNull(value, "userAgentParser");
      return this;
    }

    /** The engine. */
    public SessionEngine build() {
      return new SessionEngine(this);
    }
  }

}
