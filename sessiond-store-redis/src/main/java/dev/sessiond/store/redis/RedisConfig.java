package dev.sessiond.store.redis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a {@link RedisSessionStore} connects and how.
 *
 * @param nodes {@code host:port} of the server, or of one or more Cluster nodes to discover the
 *     Cluster from; never {@code null} or empty; copied
 * @param cluster whether {@link #nodes} are Redis Cluster nodes
 * @param tls whether to connect with TLS ({@code rediss://})
 * @param username the ACL user; {@code null} for the default user
 * @param password {@code null} for none; never shown by {@link #toString()}
 * @param database the logical database of a standalone server (Cluster has only 0)
 * @param keyPrefix what every key of the store starts with; never {@code null}; no {@code
 *     {}} characters (they would break the hash tags)
 * @param timeout how long one command may take; positive
 */
public record RedisConfig(List<String> nodes, boolean cluster, boolean tls, String username,
    String password, int database, String keyPrefix, Duration timeout) {
  /** The key prefix when the URL names none. */
  public static final String DEFAULT_PREFIX = "sessiond:";
  /** The command timeout when the URL names none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private static final Pattern NODE = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[^:/\\[\\]@,]+):\\d{1,5}");

  public RedisConfig {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a Redis store needs at least one node");
    }
    for (String node : nodes) {
      if (!NODE.matcher(node).matches()) {
        throw new IllegalArgumentException("bad Redis node '" + node + "': expected host:port");
      }
    }
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (keyPrefix.contains("{") || keyPrefix.contains("}")) {
      throw new IllegalArgumentException("the key prefix must not contain '{' or '}'");
    }
    if (database < 0 || (cluster && database != 0)) {
      throw new IllegalArgumentException("bad Redis database " + database
          + (cluster ? ": Redis Cluster has only database 0" : ""));
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the Redis timeout must be positive");
    }
  }

  /**
   * Reads a store URL: {@code redis://[user[:password]@]host[:port][/db][?prefix=NAME&timeout=2s]},
   * {@code rediss://} the same over TLS, or {@code redis-cluster://[user[:password]@]host:port[,
   * host:port...][?prefix=...&timeout=...]} (also {@code rediss-cluster://}). The port defaults to
   * 6379; user and password are percent-decoded; the timeout is {@code 500ms}, {@code 2s} or an ISO
   * duration.
   *
   * @throws IllegalArgumentException naming the bad part of the URL; never holding the password
   */
  public static RedisConfig fromUrl(String url) {
    Objects.requireNonNull(url, "url");
    try {
      return parse(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(withoutSecret(e.getMessage(), url), null);
    }
  }

  /**
   * The message of {@code failure} as told for {@code url} with its password replaced by {@code
   * ****}, so that no part of the password is ever quoted.
   */
  private static String withoutSecret(String message, String url) {
    int start = url.indexOf("://");
    int at = url.lastIndexOf('@');
    int colon = start < 0 ? -1 : url.indexOf(':', start + 3);
    if (start < 0 || at < start || colon < 0 || colon > at) {
      return message;
    }
    try {
      parse(url.substring(0, colon) + ":****" + url.substring(at));
      return "bad password in the Redis URL: percent-encode characters such as ? / # @ % in it";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static RedisConfig parse(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      throw new IllegalArgumentException("not a Redis URL: expected redis://, rediss:// or "
          + "redis-cluster://");
    }
    String scheme = url.substring(0, schemeEnd);
    boolean cluster;
    boolean tls;
    switch (scheme) {
      case "redis" -> { cluster = false; tls = false; }
      case "rediss" -> { cluster = false; tls = true; }
      case "redis-cluster" -> { cluster = true; tls = false; }
      case "rediss-cluster" -> { cluster = true; tls = true; }
      default -> throw new IllegalArgumentException("unknown Redis URL scheme '" + scheme
          + "': expected redis, rediss, redis-cluster or rediss-cluster");
    }
    String rest = url.substring(schemeEnd + 3);
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String username = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      String user = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
      username = user.isEmpty() ? null : decode(user, "user name");
      password = colon >= 0 ? decode(userInfo.substring(colon + 1), "password") : null;
    }
    int database = 0;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String db = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
      if (!db.isEmpty()) {
        if (!db.matches("\\d{1,5}")) {
          throw new IllegalArgumentException("bad Redis database '" + db + "': expected a number");
        }
        database = Integer.parseInt(db);
      }
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("the Redis URL names no host");
    }
    List<String> nodes = new ArrayList<>();
    for (String node : rest.split(",", -1)) {
      if (node.isEmpty()) {
        throw new IllegalArgumentException("the Redis URL has an empty host in its node list");
      }
      boolean hasPort = node.startsWith("[") ? node.contains("]:") : node.contains(":");
      nodes.add(hasPort ? node : node + ":6379");
    }
    if (!cluster && nodes.size() > 1) {
      throw new IllegalArgumentException("a redis:// URL names one host; use redis-cluster:// for "
          + "several nodes");
    }
    String prefix = DEFAULT_PREFIX;
    Duration timeout = DEFAULT_TIMEOUT;
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq >= 0 ? pair.substring(0, eq) : pair;
      String value = eq >= 0 ? decode(pair.substring(eq + 1), "parameter " + name) : "";
      switch (name) {
        case "prefix" -> prefix = value;
        case "timeout" -> timeout = duration(value);
        default -> throw new IllegalArgumentException("unknown Redis URL parameter '" + name
            + "': expected prefix or timeout");
      }
    }
    return new RedisConfig(nodes, cluster, tls, username, password, database, prefix, timeout);
  }

  private static String decode(String text, String part) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad percent-encoding in the Redis URL's " + part);
    }
  }

  private static Duration duration(String text) {
    try {
      Duration value;
      if (text.endsWith("ms")) {
        value = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      } else if (text.endsWith("s") && !text.startsWith("P")) {
        value = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
      } else {
        value = Duration.parse(text);
      }
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("bad Redis timeout '" + text + "': must be positive");
      }
      return value;
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("bad Redis timeout '" + text
          + "': expected 500ms, 2s or an ISO duration such as PT2S");
    }
  }

  /** Everything but the password. */
  @Override
  public String toString() {
    return "RedisConfig[nodes=" + nodes + ", cluster=" + cluster + ", tls=" + tls + ", username="
        + username + ", password=" + (password == null ? "none" : "****") + ", database="
        + database + ", keyPrefix=" + keyPrefix + ", timeout=" + timeout + "]";
  }
}
