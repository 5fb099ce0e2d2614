package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request through only with {@code Authorization: Bearer <admin key>} (compared by {@link
 * AdminKeyCheck}). A missing or wrong key gets 401 {@code unauthorized} with {@code
 * WWW-Authenticate: Bearer}. The header is never logged or echoed.
 */
final class BearerAuth implements Handler<RoutingContext> {
  /** The routing-context key under which the caller's actor name is put. */
  static final String ACTOR = "sessiond.actor";
  /** The actor recorded for calls made with the admin key. */
  static final String ADMIN = "admin";

  private static final String SCHEME = "bearer ";

  private final AdminKeyCheck adminKey;

  BearerAuth(AdminKeyCheck adminKey) {
    this.adminKey = adminKey;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = credentials(ctx.request().getHeader("Authorization"), SCHEME);
    if (token == null) {
      reject(ctx, "a bearer token is required");
      return;
    }
    if (!adminKey.matches(token)) {
      reject(ctx, "the bearer token is not valid");
      return;
    }
    ctx.put(ACTOR, ADMIN);
    ctx.next();
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

  private static void reject(RoutingContext ctx, String detail) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"sessiond\"");
    Problems.write(ctx.response(), ErrorCode.UNAUTHORIZED, detail);
  }
}
