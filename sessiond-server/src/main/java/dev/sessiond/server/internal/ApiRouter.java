package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessionEngine;
import dev.sessiond.SigningAlgorithm;
import dev.sessiond.server.RateLimits;
import dev.sessiond.server.RateLimits.Operation;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Builds the HTTP API's {@link Router}. Order matters and is fixed here: bearer auth on {@code
 * /v1/*}, then the JSON content-type check, then the body reader with its size limit, then the
 * routes; on {@code /oauth2/*} the same with client auth (Basic or bearer) and form bodies. After
 * each path's routes comes a catch for other methods (405 with {@code Allow}), and after everything
 * a 404 {@code not_found}. Every failure becomes a problem document.
 */
public final class ApiRouter {
  private ApiRouter() {}

  /**
   * What the router needs besides the engine.
   *
   * @param bodyLimitBytes the largest body accepted
   * @param defaultAlgorithm what {@code POST /v1/keys/rotate} rotates when no algorithm is named
   * @param clock the engine's clock, for {@code expiresIn}
   * @param externalIssuers whether the engine trusts any external issuer: introspection then runs
   *     on the worker pool, since the first token of an external session records it in the store
   * @param rateLimits the limits on open, refresh and introspect
   */
  public record Options(int bodyLimitBytes, SigningAlgorithm defaultAlgorithm,
      Clock clock, boolean externalIssuers, RateLimits rateLimits) {
    public Options {
      Objects.requireNonNull(defaultAlgorithm, "defaultAlgorithm");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(rateLimits, "rateLimits");
    }

    /** Options for an engine that trusts no external issuer, without rate limits. */
    public Options(int bodyLimitBytes, SigningAlgorithm defaultAlgorithm, Clock clock) {
      this(bodyLimitBytes, defaultAlgorithm, clock, false, RateLimits.none());
    }
  }

  /**
   * The router for {@code engine}.
   *
   * @param workers where engine calls that touch the store run (never on the event loop)
   */
  public static Router create(Vertx vertx, SessionEngine engine, WorkerExecutor workers,
      Options options) {
    Blocking blocking = new Blocking(workers);
    TokenViews views = new TokenViews(options.clock());
    SessionRoutes sessions = new SessionRoutes(engine, blocking, views);
    UserRoutes users = new UserRoutes(engine, blocking);
    Introspector introspector = new Introspector(engine, blocking, options.externalIssuers());
    TokenRoutes tokens = new TokenRoutes(engine, blocking, views, introspector);
    OAuthRoutes oauth = new OAuthRoutes(engine, blocking, introspector);
    BlacklistRoutes blacklist = new BlacklistRoutes(engine, blocking);
    TenantRoutes tenants = new TenantRoutes(engine, blocking);
    KeyRoutes keys = new KeyRoutes(engine, blocking, options.defaultAlgorithm());
    OperationsRoutes operations = new OperationsRoutes(engine);
    MeRoutes me = new MeRoutes(engine, blocking);
    GrantRoutes grants = new GrantRoutes(engine, blocking);
    AuditRoutes audit = new AuditRoutes(engine, blocking);
    ApiKeyRoutes apiKeys = new ApiKeyRoutes(engine, blocking);
    EventRoutes events = new EventRoutes(engine, blocking);

    Router router = Router.router(vertx);
    router.route("/v1/*").handler(new CallerAuth(engine, blocking));
    router.route("/v1/*").handler(new JsonContentType());
    router.route("/v1/*").handler(bodies(options));
    router.route("/oauth2/*").handler(new ClientAuth(engine, blocking));
    router.route("/oauth2/*").handler(new FormContentType());
    router.route("/oauth2/*").handler(new FormBodyReader(options.bodyLimitBytes()));

    limit(router, new RateLimiter(options.rateLimits(), options.clock()));

    List<Endpoint> endpoints = List.of(
        new Endpoint(HttpMethod.GET, "/healthz", operations::health),
        new Endpoint(HttpMethod.GET, "/readyz", operations::ready),
        new Endpoint(HttpMethod.GET, "/openapi.json", operations::openApi),
        new Endpoint(HttpMethod.GET, "/.well-known/jwks.json", keys::jwks),
        new Endpoint(HttpMethod.POST, "/v1/sessions", sessions::open),
        new Endpoint(HttpMethod.GET, "/v1/sessions", sessions::search),
        new Endpoint(HttpMethod.POST, "/v1/sessions/batch-get", sessions::batchGet),
        // Before /v1/sessions/:id, whose 405 catch would otherwise take it.
        new Endpoint(HttpMethod.POST, "/v1/sessions/refresh", tokens::refresh),
        new Endpoint(HttpMethod.POST, "/v1/sessions/from-token-set", tokens::fromTokenSet),
        new Endpoint(HttpMethod.GET, "/v1/sessions/:id", sessions::get),
        new Endpoint(HttpMethod.POST, "/v1/sessions/:id/touch", sessions::touch),
        new Endpoint(HttpMethod.POST, "/v1/sessions/:id/revoke", sessions::revoke),
        new Endpoint(HttpMethod.GET, "/v1/users/:userId/sessions", users::list),
        new Endpoint(HttpMethod.POST, "/v1/users/:userId/sessions/revoke", users::revokeAll),
        new Endpoint(HttpMethod.POST, "/v1/tenants/:tenantId/sessions/revoke", tenants::revokeAll),
        new Endpoint(HttpMethod.POST, "/v1/introspect", tokens::introspect),
        new Endpoint(HttpMethod.POST, "/v1/blacklist", blacklist::add),
        new Endpoint(HttpMethod.GET, "/v1/blacklist", blacklist::list),
        new Endpoint(HttpMethod.GET, "/v1/blacklist/:name", blacklist::get),
        new Endpoint(HttpMethod.POST, "/v1/keys/rotate", keys::rotate),
        new Endpoint(HttpMethod.GET, "/v1/me/sessions", me::list),
        // Before /v1/me/sessions/:id/revoke, so that "revoke-others" is never taken for an id.
        new Endpoint(HttpMethod.POST, "/v1/me/sessions/revoke-others", me::revokeOthers),
        new Endpoint(HttpMethod.POST, "/v1/me/sessions/:id/revoke", me::revoke),
        new Endpoint(HttpMethod.POST, "/v1/me/logout", me::logout),
        new Endpoint(HttpMethod.GET, "/v1/tenants/:tenantId/support-grants", grants::list),
        new Endpoint(HttpMethod.POST, "/v1/tenants/:tenantId/support-grants", grants::create),
        new Endpoint(HttpMethod.GET, "/v1/tenants/:tenantId/support-grants/:id", grants::get),
        new Endpoint(HttpMethod.DELETE, "/v1/tenants/:tenantId/support-grants/:id",
            grants::revoke),
        new Endpoint(HttpMethod.GET, "/v1/audit", audit::search),
        new Endpoint(HttpMethod.GET, "/v1/events", events::stream),
        new Endpoint(HttpMethod.GET, "/v1/api-keys", apiKeys::list),
        new Endpoint(HttpMethod.POST, "/v1/api-keys", apiKeys::create),
        new Endpoint(HttpMethod.DELETE, "/v1/api-keys/:id", apiKeys::revoke),
        new Endpoint(HttpMethod.POST, "/oauth2/introspect", oauth::introspect),
        new Endpoint(HttpMethod.POST, "/oauth2/revoke", oauth::revoke));
    register(router, endpoints);

    router.route().handler(ctx -> Problems.write(ctx.response(), ErrorCode.NOT_FOUND, "no such route"));
    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, failures.forStatus(status));
    }
    return router;
  }

  /** Puts the rate limits in front of open, refresh and introspect, after authentication. */
  private static void limit(Router router, RateLimiter limiter) {
    Map<String, Operation> limited = new LinkedHashMap<>();
    limited.put("/v1/sessions", Operation.OPEN);
    limited.put("/v1/sessions/from-token-set", Operation.OPEN);
    limited.put("/v1/sessions/refresh", Operation.REFRESH);
    limited.put("/v1/introspect", Operation.INTROSPECT);
    limited.put("/oauth2/introspect", Operation.INTROSPECT);
    limited.forEach((path, operation) ->
        router.route(HttpMethod.POST, path).handler(new RateLimitHandler(limiter, operation)));
  }

  /** The JSON body reader: in memory, size-limited. */
  private static BodyHandler bodies(Options options) {
    return BodyHandler.create(false).setBodyLimit(options.bodyLimitBytes());
  }

  /** Registers each path's routes, followed by that path's 405 catch. */
  private static void register(Router router, List<Endpoint> endpoints) {
    Map<String, List<Endpoint>> byPath = new LinkedHashMap<>();
    for (Endpoint endpoint : endpoints) {
      byPath.computeIfAbsent(endpoint.path(), p -> new ArrayList<>()).add(endpoint);
    }
    byPath.forEach((path, routes) -> {
      for (Endpoint endpoint : routes) {
        router.route(endpoint.method(), path).handler(endpoint.handler());
      }
      String allow = routes.stream().map(e -> e.method().name()).collect(Collectors.joining(", "));
      router.route(path).handler(ctx -> {
        ctx.response().putHeader("Allow", allow);
        Problems.write(ctx.response(), ErrorCode.METHOD_NOT_ALLOWED,
            "this route allows " + allow);
      });
    });
  }

  /** One API route: a method, a Vert.x path template and its handler. */
  private record Endpoint(HttpMethod method, String path, Handler<RoutingContext> handler) {}
}
