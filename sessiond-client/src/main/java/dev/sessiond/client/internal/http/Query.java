package dev.sessiond.client.internal.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * Builds paths and query strings with proper percent-encoding. Parameters whose value is {@code
 * null} are left out.
 */
public final class Query {
  private final StringJoiner parts = new StringJoiner("&");

  private Query() {}

  /** An empty query. */
  public static Query create() {
    return new Query();
  }

  /** Adds {@code name=value} unless {@code value} is {@code null}. */
  public Query add(String name, Object value) {
    if (value != null) {
      parts.add(encode(name) + "=" + encode(String.valueOf(value)));
    }
    return this;
  }

  /** {@code ?a=b&c=d}, or the empty string when no parameter was added. */
  @Override
  public String toString() {
    return parts.length() == 0 ? "" : "?" + parts;
  }

  /**
   * {@code value} encoded as one path segment: {@code /}, {@code ?}, {@code %} and spaces included.
   *
   * @throws NullPointerException if {@code value} is {@code null}
   * @throws IllegalArgumentException if it is empty
   */
  public static String segment(String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("an id or name must not be empty");
    }
    return encode(value);
  }

  /** {@code application/x-www-form-urlencoded} and path encoding both, spaces as {@code %20}. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
