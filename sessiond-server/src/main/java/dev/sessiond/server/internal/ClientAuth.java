package dev.sessiond.server.internal;

import dev.sessiond.Caller;
import dev.sessiond.ErrorCode;
import dev.sessiond.SessionEngine;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Client authentication for the OAuth endpoints ({@code /oauth2/*}): HTTP Basic whose password is
 * an API key (any client id; the password may be form-encoded as RFC 6749 §2.3.1 asks), or
 * {@code Authorization: Bearer <API key or access token>}. The {@link Caller} goes on the context
 * under {@link CallerAuth#CALLER}. Anything else gets 401 {@code unauthorized} with a {@code
 * WWW-Authenticate} challenge for each scheme. Credentials are never logged or echoed.
 */
final class ClientAuth implements Handler<RoutingContext> {
  private static final List<String> CHALLENGES =
      List.of("Basic realm=\"sessiond\"", "Bearer realm=\"sessiond\"");

  private final SessionEngine engine;
  private final Blocking blocking;

  ClientAuth(SessionEngine engine, Blocking blocking) {
    this.engine = engine;
    this.blocking = blocking;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String bearer = CallerAuth.credentials(header, "bearer ");
    String basic = CallerAuth.credentials(header, "basic ");
    if (bearer == null && basic == null) {
      reject(ctx, "client authentication is required: HTTP Basic or a bearer token");
      return;
    }
    List<String> candidates = bearer != null ? List.of(bearer) : passwords(basic);
    if (candidates.isEmpty()) {
      reject(ctx, "the client credentials are not valid");
    } else if (candidates.stream().allMatch(engine::authenticatesFromMemory)) {
      admit(ctx, authenticate(candidates));
    } else {
      // The body arrives while the key is looked up: hold it for the body reader.
      ctx.request().pause();
      blocking.run(ctx, () -> authenticate(candidates), ClientAuth::admitPaused);
    }
  }

  private Optional<Caller> authenticate(List<String> candidates) {
    for (String candidate : candidates) {
      Optional<Caller> caller = engine.authenticate(candidate);
      if (caller.isPresent()) {
        return caller;
      }
    }
    return Optional.empty();
  }

  /** The Basic password as sent and form-decoded; empty if the header is malformed. */
  private static List<String> passwords(String encoded) {
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      return List.of();
    }
    String password = pair.substring(colon + 1);
    String decoded = formDecoded(password);
    return decoded == null || decoded.equals(password) ? List.of(password)
        : List.of(password, decoded);
  }

  private static String formDecoded(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** As {@link #admit}, then lets the held body flow to whichever handler now reads it. */
  private static void admitPaused(RoutingContext ctx, Optional<Caller> caller) {
    admit(ctx, caller);
    ctx.request().resume();
  }

  private static void admit(RoutingContext ctx, Optional<Caller> caller) {
    if (caller.isEmpty()) {
      reject(ctx, "the client credentials are not valid");
      return;
    }
    ctx.put(CallerAuth.CALLER, caller.get());
    ctx.next();
  }

  private static void reject(RoutingContext ctx, String detail) {
    ctx.response().putHeader("WWW-Authenticate", CHALLENGES);
    Problems.write(ctx.response(), ErrorCode.UNAUTHORIZED, detail);
  }
}
