package dev.sessiond.server;

import dev.sessiond.store.postgres.PostgresConfig;
import dev.sessiond.tck.Backends;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Throwaway schemas on the machine's PostgreSQL ({@code $SESSIOND_TEST_POSTGRES}, default {@code
 * postgres://postgres@127.0.0.1:5432/test}) for server tests, so runs never see each other's rows.
 * When the database is unreachable the calling test fails under {@code CI=true} and is skipped
 * elsewhere ({@link Backends}).
 */
final class PostgresSchemas {
  private static final String SERVER = System.getenv().getOrDefault("SESSIOND_TEST_POSTGRES",
      "postgres://postgres@127.0.0.1:5432/test");
  private static final SecureRandom RANDOM = new SecureRandom();

  private PostgresSchemas() {}

  /**
   * A store URL naming a new, empty schema {@code <prefix>_<random>}; the store creates it.
   * Reachability is checked first.
   */
  static String create(String prefix) {
    PostgresConfig config = PostgresConfig.fromUrl(SERVER);
    try (Connection c = connect(config)) {
      c.isValid(2);
    } catch (SQLException e) {
      Backends.unavailable("PostgreSQL at " + config.jdbcUrl(),
          "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
    }
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return SERVER + (SERVER.contains("?") ? "&" : "?") + "schema=" + prefix + "_"
        + HexFormat.of().formatHex(bytes);
  }

  /** Drops the schema a URL of {@link #create} names; does nothing for other URLs. */
  static void dropIfAny(String storeUrl) throws SQLException {
    if (!storeUrl.startsWith("postgres")) {
      return;
    }
    PostgresConfig config = PostgresConfig.fromUrl(storeUrl);
    try (Connection c = connect(config); Statement drop = c.createStatement()) {
      drop.execute("DROP SCHEMA IF EXISTS \"" + config.schema() + "\" CASCADE");
    }
  }

  /**
   * Cuts every connection sessiond nodes hold to the database of {@code storeUrl} (those whose
   * application name starts with {@code sessiond}), as a network failure or a database failover
   * would.
   *
   * @return how many were cut
   */
  static int cutSessiondConnections(String storeUrl) throws SQLException {
    PostgresConfig config = PostgresConfig.fromUrl(storeUrl);
    try (Connection c = connect(config); Statement cut = c.createStatement();
        java.sql.ResultSet rows = cut.executeQuery("SELECT count(pg_terminate_backend(pid)) "
            + "FROM pg_stat_activity WHERE application_name LIKE 'sessiond%' "
            + "AND pid <> pg_backend_pid()")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static Connection connect(PostgresConfig config) throws SQLException {
    return DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
  }
}
