package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The OAuth endpoints' counterpart of {@link JsonContentType}: a request with a body must say
 * {@code application/x-www-form-urlencoded} (no charset, or UTF-8), else 415 {@code
 * unsupported_media_type} before any of the body is read.
 */
final class FormContentType implements Handler<RoutingContext> {
  /** The one media type the OAuth endpoints read. */
  static final String FORM = "application/x-www-form-urlencoded";

  @Override
  public void handle(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (JsonContentType.hasBody(ctx.request())
        && !(JsonContentType.mediaType(contentType).equals(FORM)
            && JsonContentType.isUtf8(contentType))) {
      ctx.fail(new SessiondException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "the body must be " + FORM));
      return;
    }
    ctx.next();
  }
}
