package dev.sessiond.store.postgres;

import dev.sessiond.store.postgres.internal.StoreUrl;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a {@link PostgresSessionStore} connects and how it pools connections.
 *
 * @param jdbcUrl the pgjdbc URL of the database, {@code jdbc:postgresql://host:port/database},
 *     optionally with driver parameters such as {@code sslmode}; never {@code null}
 * @param user the role to log in as, or {@code null} for the driver's default (the operating
 *     system user); never empty
 * @param password the role's password, or {@code null} for none; never shown by {@link
 *     #toString()}
 * @param schema the schema the store's tables live in, created if missing: 1 to 63 characters of
 *     {@code [a-z0-9_]}, not starting with a digit; never {@code null}
 * @param maxPoolSize the most connections the store holds open, at least 1
 * @param connectionTimeout how long a call waits to connect, or for a free pooled connection,
 *     before it fails as unavailable; at least 250 ms; never {@code null}
 */
public record PostgresConfig(String jdbcUrl, String user, String password, String schema,
    int maxPoolSize, Duration connectionTimeout) {
  /** The port when the URL names none. */
  public static final int DEFAULT_PORT = 5432;
  /** The schema when the URL names none. */
  public static final String DEFAULT_SCHEMA = "public";
  /** The pool size when the URL names none. */
  public static final int DEFAULT_POOL_SIZE = 10;
  /** The connect timeout when the URL names none. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** The shortest connect timeout the pool accepts. */
  public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(250);

  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&](?:password|sslpassword)=)[^&]*");

  public PostgresConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:");
    }
    if (user != null && user.isEmpty()) {
      throw new IllegalArgumentException("user must not be empty; use null for the driver default");
    }
    Objects.requireNonNull(schema, "schema");
    if (!SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException("schema must be 1 to 63 characters of [a-z0-9_],"
          + " not starting with a digit");
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1");
    }
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    if (connectionTimeout.compareTo(MIN_CONNECT_TIMEOUT) < 0) {
      throw new IllegalArgumentException("connectionTimeout must be at least 250ms");
    }
  }

  /**
   * Parses a sessiond store URL: {@code
   * postgres://[user[:password]@]host[:port]/database[?schema=NAME&pool=N&connect-timeout=5s]}
   * (also {@code postgresql://}). User and password may be percent-encoded, and are taken up to the
   * last {@code @}, so a password may hold {@code @}, {@code /}, {@code ?} or {@code :}. The host
   * may be an IPv6 address in brackets. Defaults: no user (the driver's default), port {@value
   * #DEFAULT_PORT}, schema {@value #DEFAULT_SCHEMA}, pool {@value #DEFAULT_POOL_SIZE},
   * connect-timeout 5s. {@code connect-timeout} is a whole number with {@code ms}, {@code s} or
   * {@code m}. {@code sslmode} ({@code disable} to {@code verify-full}) is passed to the driver.
   *
   * @param url never {@code null}
   * @throws IllegalArgumentException with a message naming the bad part (and never holding the
   *     password) if {@code url} is not such a URL
   */
  public static PostgresConfig fromUrl(String url) {
    return StoreUrl.parse(Objects.requireNonNull(url, "url"));
  }

  /** This configuration, with the password (if any) replaced by {@code ****}. */
  @Override
  public String toString() {
    return "PostgresConfig[jdbcUrl=" + PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1****")
        + ", user=" + user + ", password=" + (password == null ? "none" : "****")
        + ", schema=" + schema + ", maxPoolSize=" + maxPoolSize
        + ", connectionTimeout=" + connectionTimeout + "]";
  }
}
