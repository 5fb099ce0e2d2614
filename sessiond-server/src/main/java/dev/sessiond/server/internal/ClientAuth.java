package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Client authentication for the OAuth endpoints ({@code /oauth2/*}): HTTP Basic whose password is
 * the admin key (any client id; the password may be form-encoded as RFC 6749 §2.3.1 asks), or
 * {@code Authorization: Bearer <admin key>}. Anything else gets 401 {@code unauthorized} with a
 * {@code WWW-Authenticate} challenge for each scheme. Credentials are never logged or echoed.
 */
final class ClientAuth implements Handler<RoutingContext> {
  private static final List<String> CHALLENGES =
      List.of("Basic realm=\"sessiond\"", "Bearer realm=\"sessiond\"");

  private final AdminKeyCheck adminKey;

  ClientAuth(AdminKeyCheck adminKey) {
    this.adminKey = adminKey;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String bearer = BearerAuth.credentials(header, "bearer ");
    String basic = BearerAuth.credentials(header, "basic ");
    if (bearer == null && basic == null) {
      reject(ctx, "client authentication is required: HTTP Basic or a bearer token");
    } else if (bearer != null ? adminKey.matches(bearer) : basicMatches(basic)) {
      ctx.put(BearerAuth.ACTOR, BearerAuth.ADMIN);
      ctx.next();
    } else {
      reject(ctx, "the client credentials are not valid");
    }
  }

  private boolean basicMatches(String encoded) {
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String password = pair.substring(colon + 1);
    boolean raw = adminKey.matches(password);
    boolean decoded = adminKey.matches(formDecoded(password));
    return raw | decoded;
  }

  private static String formDecoded(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void reject(RoutingContext ctx, String detail) {
    ctx.response().putHeader("WWW-Authenticate", CHALLENGES);
    Problems.write(ctx.response(), ErrorCode.UNAUTHORIZED, detail);
  }
}
