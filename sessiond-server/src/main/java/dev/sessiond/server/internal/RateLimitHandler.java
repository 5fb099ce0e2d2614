package dev.sessiond.server.internal;

import dev.sessiond.Caller;
import dev.sessiond.ErrorCode;
import dev.sessiond.server.RateLimits.Operation;
import dev.sessiond.server.RateLimits.Scope;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Objects;

/**
 * Lets one {@link Operation}'s calls through while they are within their limits. The key limit
 * counts the caller that authentication put on the context under {@link CallerAuth#CALLER} (by
 * {@link Caller#actor()}; skipped when there is none); the address limit counts the address of
 * the connection's peer (behind a proxy, the proxy's). Over a limit: 429 {@code rate_limited}
 * with {@code Retry-After} in whole seconds (rounded up, at least 1), and a detail naming the
 * limit but nothing the caller sent. Runs after authentication and before the route; with no
 * limit on its operation it only calls {@code next()}.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {
  private final RateLimiter limiter;
  private final Operation operation;
  private final boolean keyLimited;
  private final boolean ipLimited;

  /** A handler for {@code operation}'s routes, drawing on {@code limiter}. */
  public RateLimitHandler(RateLimiter limiter, Operation operation) {
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.keyLimited = limiter.limits(operation, Scope.KEY);
    this.ipLimited = limiter.limits(operation, Scope.IP);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!keyLimited && !ipLimited) {
      ctx.next();
      return;
    }
    Caller caller = keyLimited && ctx.get(CallerAuth.CALLER) instanceof Caller c ? c : null;
    SocketAddress remote = ipLimited ? ctx.request().remoteAddress() : null;
    RateLimiter.Decision decision = limiter.tryAcquire(operation,
        caller == null ? null : caller.actor(), remote == null ? null : remote.hostAddress());
    if (decision.allowed()) {
      ctx.next();
      return;
    }
    long seconds = retryAfterSeconds(decision.retryAfter());
    HttpServerResponse response = ctx.response();
    if (!response.headWritten()) {
      response.putHeader("Retry-After", Long.toString(seconds));
    }
    Problems.write(response, ErrorCode.RATE_LIMITED, "too many " + operation.wireName()
        + " calls " + whose(decision.limitedBy(), caller) + "; retry after " + seconds + " s");
  }

  /** {@code wait} in whole seconds, rounded up, and at least 1. */
  static long retryAfterSeconds(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  private static String whose(Scope scope, Caller caller) {
    if (scope == Scope.IP) {
      return "from this IP address";
    }
    return caller.kind() == Caller.Kind.API_KEY ? "for this API key" : "for this caller";
  }
}
