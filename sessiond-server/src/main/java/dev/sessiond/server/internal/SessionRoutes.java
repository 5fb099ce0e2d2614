package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.ClientType;
import dev.sessiond.ErrorCode;
import dev.sessiond.OpenRequest;
import dev.sessiond.Page;
import dev.sessiond.SearchRequest;
import dev.sessiond.Session;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessionStatus;
import dev.sessiond.SessiondException;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code /v1/sessions} routes: open, get, touch, revoke, search and batch get. Each handler
 * reads the request, calls the {@link SessionEngine} on a worker, and writes what it returns; the
 * engine does all validation.
 */
final class SessionRoutes {
  private static final Set<String> SEARCH_PARAMS = Set.of("tenantId", "username", "ip", "ipPrefix",
      "clientType", "status", "pageSize", "pageToken");

  private final SessionEngine engine;
  private final Blocking blocking;
  private final TokenViews views;

  SessionRoutes(SessionEngine engine, Blocking blocking, TokenViews views) {
    this.engine = engine;
    this.blocking = blocking;
    this.views = views;
  }

  /**
   * {@code POST /v1/sessions}: 201 with the view and the first token pair, and the session's
   * {@code Location}.
   */
  void open(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    OpenBody body = JsonBodies.required(ctx, OpenBody.class);
    OpenRequest request = new OpenRequest(body.tenantId(), body.userId(), body.username(),
        body.roles(), clientType(body.clientType()), body.deptName(), body.ip(), body.userAgent(),
        body.attributes());
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx, () -> engine.open(context, request), (c, opened) -> {
      c.response().putHeader("Location", "/v1/sessions/" + opened.session().id());
      Replies.json(c, 201, views.opened(opened));
    });
  }

  /** {@code GET /v1/sessions/{id}}: the view, or 404 {@code session_not_found}. */
  void get(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    String id = ctx.pathParam("id");
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx, () -> engine.sessions().get(context, id).orElseThrow(SessionRoutes::notFound),
        (c, session) -> Replies.json(c, 200, session));
  }

  /** {@code POST /v1/sessions/{id}/touch}: the view after recording activity. */
  void touch(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    JsonBodies.optional(ctx, EmptyBody.class, null);
    String id = ctx.pathParam("id");
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx, () -> engine.touch(context, id),
        (c, session) -> Replies.json(c, 200, session));
  }

  /** {@code POST /v1/sessions/{id}/revoke}: the view after the revoke. */
  void revoke(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    RevokeBody body = JsonBodies.optional(ctx, RevokeBody.class, RevokeBody.NONE);
    String id = ctx.pathParam("id");
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx, () -> engine.admin().sessions().revoke(context, id, body.reason())
            .orElseThrow(SessionRoutes::notFound),
        (c, session) -> Replies.json(c, 200, session));
  }

  /** {@code GET /v1/sessions?...}: one page of a search inside a tenant. */
  void search(RoutingContext ctx) {
    Query query = Query.of(ctx, SEARCH_PARAMS);
    SearchRequest request = new SearchRequest(query.get("tenantId"), query.get("username"),
        query.get("ip"), query.get("ipPrefix"), query.wireName("clientType", ClientType::fromWire),
        query.wireName("status", SessionStatus::fromWire), query.pageSize(),
        query.get("pageToken"));
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx, () -> engine.sessions().search(context, request),
        (c, page) -> Replies.json(c, 200, page(page)));
  }

  /** {@code POST /v1/sessions/batch-get}: the active, visible sessions among the ids. */
  void batchGet(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    BatchGetBody body = JsonBodies.required(ctx, BatchGetBody.class);
    CapabilityContext context = CallerAuth.context(ctx, body.tenantId());
    blocking.run(ctx, () -> engine.sessions().batchGet(context, body.ids()),
        (c, sessions) -> Replies.json(c, 200, Map.of("items", sessions)));
  }

  private static Map<String, Object> page(Page<Session> page) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items());
    body.put("nextPageToken", page.nextPageToken());
    return body;
  }

  private static ClientType clientType(String wireName) {
    if (wireName == null) {
      return null;
    }
    return ClientType.fromWire(wireName).orElseThrow(() ->
        new SessiondException(ErrorCode.INVALID_FIELD, "clientType is not a known value"));
  }

  private static SessiondException notFound() {
    return new SessiondException(ErrorCode.SESSION_NOT_FOUND, "no such session");
  }

  /** The body of an open. */
  record OpenBody(String tenantId, String userId, String username, List<String> roles,
      String clientType, String deptName, String ip, String userAgent,
      Map<String, String> attributes) {}

  /** The optional body of a revoke. */
  record RevokeBody(String reason) {
    static final RevokeBody NONE = new RevokeBody(null);
  }

  /** The body of a batch get. */
  record BatchGetBody(String tenantId, List<String> ids) {}

  /** A body that must have no members. */
  record EmptyBody() {}
}
