package dev.sessiond.server.internal;

import io.vertx.ext.web.RoutingContext;

/** Writes successful JSON answers. */
final class Replies {
  private Replies() {}

  /** Ends the response with {@code status} and {@code body} as {@code application/json}. */
  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(Json.write(body));
  }
}
