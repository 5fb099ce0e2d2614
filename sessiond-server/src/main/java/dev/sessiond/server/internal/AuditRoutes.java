package dev.sessiond.server.internal;

import dev.sessiond.AuditSearch;
import dev.sessiond.CapabilityContext;
import dev.sessiond.SessionEngine;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code GET /v1/audit}: audit records inside the caller's walls, newest first, paged. */
final class AuditRoutes {
  private static final Set<String> PARAMS =
      Set.of("tenantId", "from", "to", "actorId", "target", "pageSize", "pageToken");

  private final SessionEngine engine;
  private final Blocking blocking;

  AuditRoutes(SessionEngine engine, Blocking blocking) {
    this.engine = engine;
    this.blocking = blocking;
  }

  void search(RoutingContext ctx) {
    Query query = Query.of(ctx, PARAMS);
    AuditSearch search = new AuditSearch(query.get("tenantId"),
        Instants.parse("from", query.get("from")), Instants.parse("to", query.get("to")),
        query.get("actorId"), query.get("target"), query.pageSize(), query.get("pageToken"));
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx, () -> engine.admin().audit().search(context, search), (c, page) -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("items", page.items());
      body.put("nextPageToken", page.nextPageToken());
      Replies.json(c, 200, body);
    });
  }
}
