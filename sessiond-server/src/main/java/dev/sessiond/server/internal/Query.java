package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SearchRequest;
import dev.sessiond.SessiondException;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The query parameters of one request, checked: only the names a route knows ({@code
 * unknown_field} otherwise), each at most once ({@code invalid_field} otherwise). An empty value
 * counts as absent, except for {@code pageSize}. Values are never echoed in errors.
 */
final class Query {
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern DIGITS = Pattern.compile("-?[0-9]{1,9}");

  private final MultiMap params;

  private Query(MultiMap params) {
    this.params = params;
  }

  /**
   * The parameters of {@code ctx}, which may only use {@code allowed} names.
   *
   * @throws SessiondException if the query string cannot be decoded, names an unknown
   *     parameter, or repeats one
   */
  static Query of(RoutingContext ctx, Set<String> allowed) {
    MultiMap params;
    try {
      params = ctx.queryParams();
    } catch (RuntimeException e) {
      throw new SessiondException(ErrorCode.INVALID_FIELD, "the query string is not valid");
    }
    for (String name : params.names()) {
      if (!allowed.contains(name)) {
        throw new SessiondException(ErrorCode.UNKNOWN_FIELD, SAFE_NAME.matcher(name).matches()
            ? "unknown query parameter " + name : "unknown query parameter");
      }
      if (params.getAll(name).size() > 1) {
        throw new SessiondException(ErrorCode.INVALID_FIELD, name + " must be given at most once");
      }
    }
    return new Query(params);
  }

  /** The value of {@code name}, or {@code null} if it is absent or empty. */
  String get(String name) {
    String value = params.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * The value of {@code name} as a wire name parsed by {@code parse}.
   *
   * @return {@code null} if the parameter is absent or empty
   * @throws SessiondException {@code invalid_field} if it is not a known wire name
   */
  <E> E wireName(String name, Function<String, Optional<E>> parse) {
    String value = get(name);
    if (value == null) {
      return null;
    }
    return parse.apply(value).orElseThrow(() ->
        new SessiondException(ErrorCode.INVALID_FIELD, name + " is not a known value"));
  }

  /**
   * The {@code pageSize} parameter: absent means 0 (the engine's default).
   *
   * @throws SessiondException {@code invalid_page_size} if it is present but not a whole number
   *     from 1 to {@link SearchRequest#MAX_PAGE_SIZE}
   */
  int pageSize() {
    String value = params.get("pageSize");
    if (value == null) {
      return 0;
    }
    int size = DIGITS.matcher(value).matches() ? Integer.parseInt(value) : -1;
    if (size < 1 || size > SearchRequest.MAX_PAGE_SIZE) {
      throw new SessiondException(ErrorCode.INVALID_PAGE_SIZE,
          "pageSize must be a whole number from 1 to " + SearchRequest.MAX_PAGE_SIZE);
    }
    return size;
  }
}
