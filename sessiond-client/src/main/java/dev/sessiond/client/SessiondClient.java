package dev.sessiond.client;

import dev.sessiond.client.internal.http.HttpTransport;
import dev.sessiond.client.internal.http.Models;
import dev.sessiond.client.internal.http.Query;
import dev.sessiond.client.model.ApiKey;
import dev.sessiond.client.model.AuditQuery;
import dev.sessiond.client.model.AuditRecord;
import dev.sessiond.client.model.BlacklistEntry;
import dev.sessiond.client.model.CreatedApiKey;
import dev.sessiond.client.model.Introspection;
import dev.sessiond.client.model.OpenRequest;
import dev.sessiond.client.model.OpenedSession;
import dev.sessiond.client.model.Page;
import dev.sessiond.client.model.RevokeResult;
import dev.sessiond.client.model.RotatedKey;
import dev.sessiond.client.model.SearchQuery;
import dev.sessiond.client.model.Session;
import dev.sessiond.client.model.SessionStatus;
import dev.sessiond.client.model.SupportGrant;
import dev.sessiond.client.model.TokenSetRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A typed client of sessiond's HTTP API. Thread-safe; make one per process (it holds an HTTP
 * connection pool) and {@link #close()} it at shutdown.
 *
 * <p>Every call sends the configured API key as {@code Authorization: Bearer <key>} (none if it is
 * {@code null}, so the server answers 401). Where the API takes a tenant and the call does not name
 * one, the configured {@link ClientConfig#tenantId()} is sent; when that is {@code null} too, the
 * server uses the key's own tenant (a key of every tenant must name one: {@code missing_field}).
 * {@link #forTenant(String)} gives a client for another default tenant.
 *
 * <p>Errors: every answer that is not 2xx throws a {@link SessiondApiException} carrying the
 * problem's {@code code}, status and detail ({@link UnauthorizedException} for 401, {@link
 * ForbiddenException} for 403, {@link NotFoundException} for 404, {@link RateLimitedException}
 * for 429); no answer at all throws one with code {@value SessiondApiException#UNREACHABLE} and
 * status 0; a 2xx answer that does not have the documented shape (such as an enum value this
 * version does not know) throws one with code {@code malformed_response}. Arguments documented as
 * required, and ids, throw {@link NullPointerException} or {@link IllegalArgumentException} when
 * {@code null} or empty. Messages never hold a token or key.
 */
public final class SessiondClient implements AutoCloseable {
  private final ClientConfig config;
  private final HttpTransport http;
  private final String tenantId;

  private SessiondClient(ClientConfig config, HttpTransport http, String tenantId) {
    this.config = config;
    this.http = http;
    this.tenantId = tenantId;
  }

  /** A client for {@code config}. No call is made until a method needs one. */
  public static SessiondClient create(ClientConfig config) {
    Objects.requireNonNull(config, "config");
    return new SessiondClient(config, new HttpTransport(config.url(), config.requestTimeout()),
        config.tenantId());
  }

  /**
   * A client configured by the process environment (see {@link ClientConfig}).
   *
   * @throws IllegalArgumentException naming the variable whose value is not valid
   */
  public static SessiondClient fromEnvironment() {
    return create(ClientConfig.fromEnvironment());
  }

  /**
   * A client that shares this one's connections and key but acts in {@code tenantId} by default;
   * {@code null} for none (the key's own tenant). Closing either closes both.
   */
  public SessiondClient forTenant(String tenantId) {
    return new SessiondClient(config, http, tenantId == null || tenantId.isBlank() ? null : tenantId);
  }

  /** The tenant calls act in when they name none; {@code null} for the key's own. */
  public String tenantId() {
    return tenantId;
  }

  /** The configuration it was made with. */
  public ClientConfig config() {
    return config;
  }

  // ---- sessions ----

  /** Opens a session and issues its token pair ({@code sessions.create}). */
  public OpenedSession open(OpenRequest request) {
    Objects.requireNonNull(request, "request");
    OpenRequest sent = request.tenantId() == null ? request.tenantId(tenantId) : request;
    return call("POST", "/v1/sessions", sent).as(OpenedSession.class);
  }

  /**
   * Opens (or finds) the session of an external issuer's token set, after verifying it ({@code
   * sessions.create}). The answer carries no sessiond tokens: the issuer's tokens stay in use.
   */
  public Session openFromTokenSet(TokenSetRequest request) {
    Objects.requireNonNull(request, "request");
    TokenSetRequest sent = request.tenantId() == null ? request.tenantId(tenantId) : request;
    return call("POST", "/v1/sessions/from-token-set", sent).as(Session.class);
  }

  /**
   * Trades a refresh token for a new token pair; the old refresh token is rotated away ({@code
   * sessions.refresh}). Errors: 400 {@code invalid_refresh_token}, {@code refresh_token_reused};
   * 409 {@code session_not_active}, {@code session_blacklisted}.
   */
  public OpenedSession refresh(String refreshToken) {
    Objects.requireNonNull(refreshToken, "refreshToken");
    return call("POST", "/v1/sessions/refresh", fields("refreshToken", refreshToken))
        .as(OpenedSession.class);
  }

  /**
   * The session with {@code id}, of any status ({@code sessions.get}); empty when there is none
   * inside the caller's walls ({@code session_not_found}). A malformed id throws ({@code
   * invalid_session_id}).
   */
  public Optional<Session> get(String id) {
    return ifFound("session_not_found",
        () -> call("GET", "/v1/sessions/" + Query.segment(id), null).as(Session.class));
  }

  /** One page of a search in one tenant, newest first ({@code sessions.search}). */
  public Page<Session> search(SearchQuery query) {
    Objects.requireNonNull(query, "query");
    Query q = Query.create()
        .add("tenantId", query.tenantId() != null ? query.tenantId() : tenantId)
        .add("username", query.username())
        .add("ip", query.ip())
        .add("ipPrefix", query.ipPrefix())
        .add("clientType", query.clientType() == null ? null : query.clientType().wireName())
        .add("status", query.status() == null ? null : query.status().wireName())
        .add("pageSize", query.pageSize())
        .add("pageToken", query.pageToken());
    return Models.page(call("GET", "/v1/sessions" + q, null), Session.class);
  }

  /**
   * The active sessions among {@code ids} (at most 100), in the order asked; unknown, ended and
   * invisible ones are left out ({@code sessions.batch_get}).
   */
  public List<Session> batchGet(Collection<String> ids) {
    Objects.requireNonNull(ids, "ids");
    return Models.items(call("POST", "/v1/sessions/batch-get",
        fields("tenantId", tenantId, "ids", List.copyOf(ids))), Session.class);
  }

  /**
   * Records activity, sliding the idle expiry ({@code sessions.touch}); answers the session after
   * it. 404 {@code session_not_found}, 409 {@code session_not_active}.
   */
  public Session touch(String id) {
    return call("POST", "/v1/sessions/" + Query.segment(id) + "/touch", null).as(Session.class);
  }

  /**
   * Revokes one session ({@code sessions.revoke}); its tokens stop verifying before this returns.
   * Revoking an ended session changes nothing. Answers the session after it.
   *
   * @param reason recorded in the audit log; {@code null}: {@code revoked}
   */
  public Session revoke(String id, String reason) {
    return call("POST", "/v1/sessions/" + Query.segment(id) + "/revoke", reasonBody(reason))
        .as(Session.class);
  }

  /**
   * Revokes every active session of {@code userId} ({@code sessions.revoke_all}).
   *
   * @param reason {@code null}: {@code revoked}
   */
  public RevokeResult revokeAllForUser(String userId, String reason) {
    Query q = Query.create().add("tenantId", tenantId);
    return call("POST", "/v1/users/" + Query.segment(userId) + "/sessions/revoke" + q,
        reasonBody(reason)).as(RevokeResult.class);
  }

  /**
   * Revokes every session of the default tenant: every token issued before stops verifying ({@code
   * sessions.revoke_all}). Answers how many sessions this call revoked.
   *
   * @param reason {@code null}: {@code revoked}
   * @throws IllegalStateException if this client has no default tenant (see {@link #forTenant})
   */
  public int revokeAllInTenant(String reason) {
    return call("POST", "/v1/tenants/" + Query.segment(requireTenant()) + "/sessions/revoke",
        reasonBody(reason)).json().path("revoked").asInt();
  }

  /**
   * A user's sessions ({@code sessions.search}).
   *
   * @param status only sessions of this status; {@code null}: every status
   */
  public List<Session> userSessions(String userId, SessionStatus status) {
    Query q = Query.create().add("tenantId", tenantId)
        .add("status", status == null ? "any" : status.wireName());
    return Models.items(call("GET", "/v1/users/" + Query.segment(userId) + "/sessions" + q, null),
        Session.class);
  }

  /** A user's active sessions. */
  public List<Session> userSessions(String userId) {
    return userSessions(userId, SessionStatus.ACTIVE);
  }

  // ---- tokens ----

  /**
   * Whether {@code token} is an active access token now, and its claims ({@code sessions.verify}).
   * Any string may be asked: anything that does not verify is simply inactive. With a default
   * tenant, a token of another tenant is inactive.
   */
  public Introspection introspect(String token) {
    return introspect(token, null, null);
  }

  /**
   * The same, passing the end user's address and User-Agent as the caller saw them; they are
   * recorded when the token is the first seen of an external issuer's session. Either may be
   * {@code null}.
   */
  public Introspection introspect(String token, String ip, String userAgent) {
    Objects.requireNonNull(token, "token");
    return Models.introspection(call("POST", "/v1/introspect",
        fields("token", token, "tenantId", tenantId, "ip", ip, "userAgent", userAgent)));
  }

  /**
   * Revokes the session of an access or refresh token (RFC 7009, {@code /oauth2/revoke}). An
   * unknown token is not an error.
   */
  public void revokeToken(String token) {
    Objects.requireNonNull(token, "token");
    http.sendForm("/oauth2/revoke", config.apiKey(), "token=" + Query.segment(token));
  }

  /** The public signing keys (a JWK set) as the server's JSON text. Needs no key. */
  public String jwks() {
    return http.send("GET", "/.well-known/jwks.json", null, null).body();
  }

  /**
   * Makes a new signing key now ({@code keys.rotate}); tokens of the old one keep verifying until
   * they expire.
   *
   * @param algorithm {@code EdDSA}, {@code ES256} or {@code RS256}; {@code null}: the configured one
   */
  public RotatedKey rotateSigningKey(String algorithm) {
    return call("POST", "/v1/keys/rotate", fields("algorithm", algorithm)).as(RotatedKey.class);
  }

  // ---- blacklist ----

  /**
   * Bans {@code name} (a session id, an external session claim or a token's {@code jti}) in the
   * default tenant for {@code ttl}, rounded up to whole seconds (1 s to 366 days; {@code
   * blacklist.write}). A longer ban already in force is kept.
   */
  public BlacklistEntry blacklist(String name, Duration ttl) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ttl, "ttl");
    long seconds = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
    return call("POST", "/v1/blacklist", fields("tenantId", tenantId, "name", name, "ttl", seconds))
        .as(BlacklistEntry.class);
  }

  /** Whether {@code name} is banned in the default tenant now, and until when ({@code blacklist.read}). */
  public BlacklistEntry blacklistStatus(String name) {
    Query q = Query.create().add("tenantId", tenantId);
    return call("GET", "/v1/blacklist/" + Query.segment(name) + q, null).as(BlacklistEntry.class);
  }

  /** Whether {@code name} is banned in the default tenant now. */
  public boolean isBlacklisted(String name) {
    return blacklistStatus(name).blacklisted();
  }

  // ---- support grants (of the default tenant; grants.manage) ----

  /**
   * Lets global admins act on the default tenant until {@code expiresAt} (at most the server's
   * {@code max-support-grant} from now).
   *
   * @param note why; {@code null} for none
   * @throws IllegalStateException if this client has no default tenant
   */
  public SupportGrant createSupportGrant(Instant expiresAt, String note) {
    Objects.requireNonNull(expiresAt, "expiresAt");
    return call("POST", grantsPath(), fields("expiresAt", expiresAt.toString(), "note", note))
        .as(SupportGrant.class);
  }

  /** The default tenant's support grants, of any status. */
  public List<SupportGrant> supportGrants() {
    return Models.items(call("GET", grantsPath(), null), SupportGrant.class);
  }

  /** One support grant of the default tenant; empty when there is none ({@code grant_not_found}). */
  public Optional<SupportGrant> supportGrant(String id) {
    return ifFound("grant_not_found",
        () -> call("GET", grantsPath() + "/" + Query.segment(id), null).as(SupportGrant.class));
  }

  /**
   * Revokes a support grant, which also revokes every session a global admin opened under it.
   * Answers the grant after it; 404 {@code grant_not_found}.
   */
  public SupportGrant revokeSupportGrant(String id) {
    return call("DELETE", grantsPath() + "/" + Query.segment(id), null).as(SupportGrant.class);
  }

  // ---- audit, API keys ----

  /** One page of the audit log inside the caller's walls, newest first ({@code audit.read}). */
  public Page<AuditRecord> audit(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    Query q = Query.create()
        .add("tenantId", query.tenantId() != null ? query.tenantId() : tenantId)
        .add("from", query.from())
        .add("to", query.to())
        .add("actorId", query.actorId())
        .add("target", query.target())
        .add("pageSize", query.pageSize())
        .add("pageToken", query.pageToken());
    return Models.page(call("GET", "/v1/audit" + q, null), AuditRecord.class);
  }

  /**
   * Makes an API key limited to the default tenant (or, with none, to the maker's: every tenant for
   * a key of every tenant) and to {@code methods}, such as {@code sessions.search} ({@code
   * api_keys.manage}). The answer is the only time the key is shown.
   *
   * @param name a label; {@code null} for none
   */
  public CreatedApiKey createApiKey(String name, Collection<String> methods) {
    Objects.requireNonNull(methods, "methods");
    return Models.createdApiKey(call("POST", "/v1/api-keys",
        fields("tenantId", tenantId, "methods", List.copyOf(methods), "name", name)));
  }

  /** The API keys inside the caller's walls, live and revoked ({@code api_keys.manage}). */
  public List<ApiKey> apiKeys() {
    return Models.items(call("GET", "/v1/api-keys", null), ApiKey.class);
  }

  /** Revokes an API key at once; answers it after the revoke. 404 {@code api_key_not_found}. */
  public ApiKey revokeApiKey(String id) {
    return call("DELETE", "/v1/api-keys/" + Query.segment(id), null).as(ApiKey.class);
  }

  // ---- self-service, health ----

  /**
   * The self-service calls of the end user whose access token this is. The token is used as the
   * bearer credential of those calls only; an inactive one makes them throw {@link
   * UnauthorizedException}.
   */
  public SelfService me(String accessToken) {
    Objects.requireNonNull(accessToken, "accessToken");
    return new SelfService(http, accessToken);
  }

  /** Whether the server is ready ({@code /readyz}): true on 200, false on 503. Needs no key. */
  public boolean isReady() {
    try {
      http.send("GET", "/readyz", null, null);
      return true;
    } catch (SessiondApiException e) {
      if (e.status() == 503) {
        return false;
      }
      throw e;
    }
  }

  /** Releases the connections where the JDK allows it (Java 21 and later). Idempotent. */
  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "SessiondClient[url=" + config.url() + ", tenantId=" + tenantId + "]";
  }

  // ---- helpers ----

  private HttpTransport.Reply call(String method, String path, Object body) {
    return http.send(method, path, config.apiKey(), body);
  }

  private String grantsPath() {
    return "/v1/tenants/" + Query.segment(requireTenant()) + "/support-grants";
  }

  private String requireTenant() {
    if (tenantId == null) {
      throw new IllegalStateException(
          "this call needs a tenant: configure one (SESSIOND_TENANT_ID) or use forTenant(...)");
    }
    return tenantId;
  }

  private static Map<String, Object> reasonBody(String reason) {
    return reason == null ? null : fields("reason", reason);
  }

  /** A JSON object of the name-value pairs whose value is not {@code null}. */
  private static Map<String, Object> fields(Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        map.put((String) namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return map;
  }

  private static <T> Optional<T> ifFound(String code, Supplier<T> call) {
    try {
      return Optional.of(call.get());
    } catch (NotFoundException e) {
      if (code.equals(e.code())) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
