package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Rejects a request that carries a body which does not say it is JSON, with 415 {@code
 * unsupported_media_type}, before any of the body is read. Accepted: {@code application/json} and
 * {@code application/*+json}, with no charset or UTF-8. A request without a body (no {@code
 * Content-Length}, or zero, and no {@code Transfer-Encoding}) passes whatever its headers say.
 */
final class JsonContentType implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    if (hasBody(ctx.request()) && !isJson(ctx.request().getHeader("Content-Type"))) {
      ctx.fail(new SessiondException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "the body must be application/json"));
      return;
    }
    ctx.next();
  }

  /** Whether {@code request} carries a body: a non-zero {@code Content-Length} or chunks. */
  static boolean hasBody(HttpServerRequest request) {
    if (request.headers().contains("Transfer-Encoding")) {
      return true;
    }
    String length = request.getHeader("Content-Length");
    return length != null && !length.strip().equals("0");
  }

  /** Whether {@code contentType} names JSON in UTF-8. */
  static boolean isJson(String contentType) {
    String type = mediaType(contentType);
    return (type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json")))
        && isUtf8(contentType);
  }

  /** The media type of a {@code Content-Type} value, lowercase, without parameters; "" if none. */
  static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
  }

  /** Whether {@code contentType} names no charset, or UTF-8. */
  static boolean isUtf8(String contentType) {
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].split("=", 2);
      if (param[0].strip().equals("charset") && param.length == 2) {
        String charset = param[1].strip().replace("\"", "");
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          return false;
        }
      }
    }
    return true;
  }
}
