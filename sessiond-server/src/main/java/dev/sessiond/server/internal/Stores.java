package dev.sessiond.server.internal;

import dev.sessiond.store.InMemorySessionStore;
import dev.sessiond.store.SessionStore;
import dev.sessiond.store.postgres.PostgresConfig;
import dev.sessiond.store.postgres.PostgresSessionStore;
import dev.sessiond.store.redis.RedisConfig;
import dev.sessiond.store.redis.RedisSessionStore;
import dev.sessiond.store.sqlite.SqliteSessionStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the store a URL names: {@code sqlite:<file>} (the default, durable), {@code
 * postgres://…} (PostgreSQL, see {@link PostgresConfig#fromUrl}), {@code redis://…}, {@code
 * rediss://…}, {@code redis-cluster://…} (Redis or Valkey, see {@link RedisConfig#fromUrl}) or
 * {@code memory:} (throwaway). Errors never echo the URL, which may hold a password; only its
 * scheme.
 */
public final class Stores {
  private static final Logger LOG = LoggerFactory.getLogger(Stores.class);
  private static final Set<String> REDIS =
      Set.of("redis", "rediss", "redis-cluster", "rediss-cluster");

  private Stores() {}

  /**
   * Opens the store {@code url} names.
   *
   * @throws IllegalArgumentException if the URL names no store of this version
   * @throws UncheckedIOException if the SQLite file's directory cannot be created
   * @throws dev.sessiond.SessiondException {@code unavailable} if the SQLite file cannot be opened
   */
  public static SessionStore open(String url) {
    String scheme = scheme(url);
    if (scheme.equals("memory")) {
      LOG.warn("using the memory store: sessions are lost when sessiond stops");
      return new InMemorySessionStore();
    }
    if (scheme.equals("sqlite")) {
      return SqliteSessionStore.open(sqliteFile(url));
    }
    if (scheme.equals("postgres") || scheme.equals("postgresql")) {
      return PostgresSessionStore.open(PostgresConfig.fromUrl(url));
    }
    if (REDIS.contains(scheme)) {
      return RedisSessionStore.open(RedisConfig.fromUrl(url));
    }
    throw new IllegalArgumentException("unknown store URL scheme '" + printable(scheme)
        + "'; expected sqlite:<file>, postgres://…, redis://…, redis-cluster://… or memory:");
  }

  /** The file a {@code sqlite:} URL names: everything after the colon, as a path. */
  static Path sqliteFile(String url) {
    String rest = url.substring("sqlite:".length());
    if (rest.isBlank()) {
      throw new IllegalArgumentException("the sqlite store URL names no file; use sqlite:<file>");
    }
    return Path.of(rest);
  }

  private static String scheme(String url) {
    int colon = url.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("the store URL has no scheme; expected sqlite:<file> or memory:");
    }
    return url.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  private static String printable(String scheme) {
    return scheme.matches("[a-z0-9+.-]{1,20}") ? scheme : "?";
  }
}
