package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes RFC 9457 problem documents: {@code application/problem+json} with {@code type}, {@code
 * title}, {@code status}, {@code detail} and {@code code}. The detail is the engine's caller-safe
 * message; nothing else from the request or the server goes in.
 */
public final class Problems {
  /** The media type of every error response. */
  public static final String MEDIA_TYPE = "application/problem+json";
  /** The prefix of every problem {@code type}; the code follows it. */
  public static final String TYPE_PREFIX = "https://sessiond.dev/problems/";

  private Problems() {}

  /** Writes the problem for {@code error}, unless the response has already started. */
  static void write(HttpServerResponse response, SessiondException error) {
    write(response, error.code(), error.detail());
  }

  /** Writes a problem with {@code code}'s status and title, unless the response has started. */
  static void write(HttpServerResponse response, ErrorCode code, String detail) {
    if (response.headWritten() || response.closed() || response.ended()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_PREFIX + code.code());
    body.put("title", code.title());
    body.put("status", code.status());
    body.put("detail", detail);
    body.put("code", code.code());
    response.setStatusCode(code.status())
        .putHeader("Content-Type", MEDIA_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(Json.write(body));
  }
}
