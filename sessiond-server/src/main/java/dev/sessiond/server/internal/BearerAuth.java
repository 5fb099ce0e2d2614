package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Lets a request through only with {@code Authorization: Bearer <admin key>}. Keys are compared as
 * SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken says nothing about the key.
 * A missing or wrong key gets 401 {@code unauthorized} with {@code WWW-Authenticate: Bearer}. The
 * header is never logged or echoed.
 */
final class BearerAuth implements Handler<RoutingContext> {
  /** The routing-context key under which the caller's actor name is put. */
  static final String ACTOR = "sessiond.actor";
  /** The actor recorded for calls made with the admin key. */
  static final String ADMIN = "admin";

  private static final String SCHEME = "bearer ";

  private final byte[] adminDigest;

  BearerAuth(String adminKey) {
    this.adminDigest = sha256(adminKey);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.length() <= SCHEME.length()
        || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      reject(ctx, "a bearer token is required");
      return;
    }
    String token = header.substring(SCHEME.length()).strip();
    if (!MessageDigest.isEqual(adminDigest, sha256(token))) {
      reject(ctx, "the bearer token is not valid");
      return;
    }
    ctx.put(ACTOR, ADMIN);
    ctx.next();
  }

  private static void reject(RoutingContext ctx, String detail) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"sessiond\"");
    Problems.write(ctx.response(), ErrorCode.UNAUTHORIZED, detail);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
