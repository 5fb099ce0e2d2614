package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.ErrorCode;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessiondException;
import dev.sessiond.store.BlacklistEntry;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The blacklist routes: {@code POST /v1/blacklist} bans a session name (a session id, or an
 * external issuer's session claim) or a {@code jti} in a tenant for {@code ttl} seconds; {@code GET
 * /v1/blacklist/{name}?tenantId} asks whether it is banned now; {@code GET /v1/blacklist?tenantId}
 * lists the bans in force.
 */
final class BlacklistRoutes {
  private static final BigInteger MAX_TTL_SECONDS =
      BigInteger.valueOf(SessionEngine.MAX_BLACKLIST_TTL.toSeconds());

  private final SessionEngine engine;
  private final Blocking blocking;

  BlacklistRoutes(SessionEngine engine, Blocking blocking) {
    this.engine = engine;
    this.blocking = blocking;
  }

  /** {@code POST /v1/blacklist}: 201 with the entry in force (a longer existing ban is kept). */
  void add(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    BlacklistBody body = JsonBodies.required(ctx, BlacklistBody.class);
    Duration ttl = ttl(body.ttl());
    CapabilityContext context = CallerAuth.context(ctx, body.tenantId());
    blocking.run(ctx, () -> engine.admin().sessions().blacklist(context, body.name(), ttl),
        (c, entry) -> {
      c.response().putHeader("Location", "/v1/blacklist/" + encode(entry.name())
          + "?tenantId=" + encode(entry.tenantId()));
      Replies.json(c, 201, view(entry.tenantId(), entry.name(), Optional.of(entry)));
    });
  }

  /** {@code GET /v1/blacklist?tenantId}: {@code {items: [{tenantId, name, expiresAt}]}}. */
  void list(RoutingContext ctx) {
    Query query = Query.of(ctx, Set.of("tenantId"));
    CapabilityContext context = CallerAuth.context(ctx, query.get("tenantId"));
    blocking.run(ctx, () -> engine.admin().sessions().blacklistEntries(context),
        (c, entries) -> Replies.json(c, 200, java.util.Map.of("items", entries.stream()
            .map(e -> view(e.tenantId(), e.name(), Optional.of(e))).toList())));
  }

  /** {@code GET /v1/blacklist/{name}?tenantId}: whether the name is banned now, and until when. */
  void get(RoutingContext ctx) {
    Query query = Query.of(ctx, Set.of("tenantId"));
    String tenantId = query.get("tenantId");
    String name = ctx.pathParam("name");
    CapabilityContext context = CallerAuth.context(ctx, tenantId);
    String tenant = tenantId != null ? tenantId : context.caller().tenantId();
    blocking.run(ctx, () -> engine.admin().sessions().blacklistEntry(context, name),
        (c, entry) -> Replies.json(c, 200, view(tenant, name, entry)));
  }

  /** {@code {tenantId, name, blacklisted, expiresAt}}; {@code expiresAt} only when blacklisted. */
  private static Map<String, Object> view(String tenantId, String name,
      Optional<BlacklistEntry> entry) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tenantId", tenantId);
    body.put("name", name);
    body.put("blacklisted", entry.isPresent());
    entry.ifPresent(e -> body.put("expiresAt", e.expiresAt()));
    return body;
  }

  private static Duration ttl(BigInteger seconds) {
    if (seconds == null) {
      throw new SessiondException(ErrorCode.MISSING_FIELD, "ttl is required");
    }
    if (seconds.signum() <= 0 || seconds.compareTo(MAX_TTL_SECONDS) > 0) {
      throw new SessiondException(ErrorCode.INVALID_FIELD,
          "ttl must be a whole number of seconds from 1 to " + MAX_TTL_SECONDS);
    }
    return Duration.ofSeconds(seconds.longValueExact());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The body of a blacklist request; {@code ttl} is in seconds. */
  record BlacklistBody(String tenantId, String name, BigInteger ttl) {}
}
