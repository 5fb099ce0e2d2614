package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.Caller;
import dev.sessiond.ErrorCode;
import dev.sessiond.SessionEngine;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Lets a request through only with {@code Authorization: Bearer <credential>}: an API key (the
 * bootstrap admin key included) or an access token of sessiond, which the engine turns into a
 * {@link Caller} put on the context under {@link #CALLER}. A missing or bad credential gets 401
 * {@code unauthorized} with {@code WWW-Authenticate: Bearer}. Credentials answered from memory are
 * checked on the event loop; a key not seen recently is looked up on a worker. The header is never
 * logged or echoed.
 */
final class CallerAuth implements Handler<RoutingContext> {
  /** The routing-context key under which the {@link Caller} is put. */
  static final String CALLER = "sessiond.caller";

  private static final String SCHEME = "bearer ";

  private final SessionEngine engine;
  private final Blocking blocking;

  CallerAuth(SessionEngine engine, Blocking blocking) {
    this.engine = engine;
    this.blocking = blocking;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = credentials(ctx.request().getHeader("Authorization"), SCHEME);
    if (token == null) {
      reject(ctx, "a bearer token is required");
      return;
    }
    if (engine.authenticatesFromMemory(token)) {
      admit(ctx, engine.authenticate(token));
    } else {
      // The body arrives while the key is looked up: hold it for the body reader.
      ctx.request().pause();
      blocking.run(ctx, () -> engine.authenticate(token), CallerAuth::admitPaused);
    }
  }

  /** The capability context of this request: its caller, no tenant named, the client's address. */
  static CapabilityContext context(RoutingContext ctx) {
    Caller caller = ctx.get(CALLER);
    return new CapabilityContext(caller, null, ctx.request().remoteAddress() == null ? null
        : ctx.request().remoteAddress().hostAddress());
  }

  /**
   * The capability context of this request acting in {@code tenantId} ({@code null}: none named).
   */
  static CapabilityContext context(RoutingContext ctx, String tenantId) {
    return context(ctx).inTenant(tenantId);
  }

  /**
   * What follows {@code scheme} (lowercase, with its trailing space; matched case-insensitively)
   * in an {@code Authorization} header, stripped; {@code null} if the header is absent, of another
   * scheme, or carries nothing.
   */
  static String credentials(String header, String scheme) {
    if (header == null || header.length() <= scheme.length()
        || !header.regionMatches(true, 0, scheme, 0, scheme.length())) {
      return null;
    }
    String value = header.substring(scheme.length()).strip();
    return value.isEmpty() ? null : value;
  }

  /** As {@link #admit}, then lets the held body flow to whichever handler now reads it. */
  private static void admitPaused(RoutingContext ctx, Optional<Caller> caller) {
    admit(ctx, caller);
    ctx.request().resume();
  }

  private static void admit(RoutingContext ctx, Optional<Caller> caller) {
    if (caller.isEmpty()) {
      reject(ctx, "the bearer token is not valid");
      return;
    }
    ctx.put(CALLER, caller.get());
    ctx.next();
  }

  private static void reject(RoutingContext ctx, String detail) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"sessiond\"");
    Problems.write(ctx.response(), ErrorCode.UNAUTHORIZED, detail);
  }
}
