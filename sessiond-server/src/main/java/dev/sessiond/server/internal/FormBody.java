package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An {@code application/x-www-form-urlencoded} body as {@link FormBodyReader} read it, decoded as
 * UTF-8 by this class, strictly: a parameter given twice or a bad percent escape is {@code
 * invalid_field} (RFC 6749 §3.2: parameters must not repeat). Unknown parameters are ignored, as RFC 6749 §3.2
 * asks. Errors name a parameter but never echo a value.
 */
final class FormBody {
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final Map<String, String> params;

  private FormBody(Map<String, String> params) {
    this.params = params;
  }

  /**
   * The parameters of {@code ctx}'s body; none if it has no body.
   *
   * @throws SessiondException {@code invalid_field} if the body cannot be decoded or repeats a
   *     parameter
   */
  static FormBody of(RoutingContext ctx) {
    Buffer buffer = ctx.get(FormBodyReader.BODY);
    Map<String, String> params = new HashMap<>();
    if (buffer == null || buffer.length() == 0) {
      return new FormBody(params);
    }
    for (String pair : buffer.toString(StandardCharsets.UTF_8).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (params.putIfAbsent(name, value) != null) {
        throw new SessiondException(ErrorCode.INVALID_FIELD, (SAFE_NAME.matcher(name).matches()
            ? name : "a parameter") + " must be given at most once");
      }
    }
    return new FormBody(params);
  }

  /**
   * The value of {@code name}.
   *
   * @throws SessiondException {@code missing_field} if it is absent or empty
   */
  String required(String name) {
    String value = params.get(name);
    if (value == null || value.isEmpty()) {
      throw new SessiondException(ErrorCode.MISSING_FIELD, name + " is required");
    }
    return value;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SessiondException(ErrorCode.INVALID_FIELD, "the form body is not validly encoded");
    }
  }
}
