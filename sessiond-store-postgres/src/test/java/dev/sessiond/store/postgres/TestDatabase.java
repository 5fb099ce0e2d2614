package dev.sessiond.store.postgres;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import dev.sessiond.tck.Backends;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stores on fresh schemas of the test database, as a JUnit 5 extension: every store opens on a new
 * schema {@code tck_<random hex>}, and after each test (or, for {@link #perClass()}, after the
 * test class) the stores are closed and their schemas dropped. The database is {@code
 * postgres://postgres@127.0.0.1:5432/test} unless the environment names another in {@code
 * SESSIOND_TEST_POSTGRES}. When it cannot be reached the test fails under {@code CI=true} and is
 * skipped elsewhere ({@link Backends#unavailable}); once one test found it unreachable, the others
 * of the run do not wait for it again.
 */
final class TestDatabase implements AfterEachCallback, AfterAllCallback {
  static final String URL = System.getenv().getOrDefault("SESSIOND_TEST_POSTGRES",
      "postgres://postgres@127.0.0.1:5432/test");
  private static final String HOW_TO_START =
      "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static volatile SessiondException unreachable;

  private final List<PostgresSessionStore> stores = new ArrayList<>();
  private final List<String> schemas = new ArrayList<>();
  private final boolean perClass;

  /** Cleans up after each test; register it on an instance field. */
  TestDatabase() {
    this(false);
  }

  private TestDatabase(boolean perClass) {
    this.perClass = perClass;
  }

  /** Cleans up after the test class; register it on a static field. */
  static TestDatabase perClass() {
    return new TestDatabase(true);
  }

  /** A store on a new, empty schema. */
  PostgresSessionStore newStore() {
    return open(newSchema());
  }

  /** The name of a new schema, dropped after the test; a store that opens on it creates it. */
  synchronized String newSchema() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    String schema = "tck_" + HexFormat.of().formatHex(bytes);
    schemas.add(schema);
    return schema;
  }

  /** Another store (another node: a pool of its own) on {@code schema}; closed after the test. */
  PostgresSessionStore open(String schema) {
    if (unreachable != null) {
      Backends.unavailable(backend(), HOW_TO_START, rootCause(unreachable));
    }
    PostgresConfig base = PostgresConfig.fromUrl(URL);
    PostgresConfig config = new PostgresConfig(base.jdbcUrl(), base.user(), base.password(),
        schema, base.maxPoolSize(), base.connectionTimeout());
    PostgresSessionStore store;
    try {
      store = PostgresSessionStore.open(config);
    } catch (SessiondException e) {
      if (e.code() == ErrorCode.UNAVAILABLE && !reachable()) {
        unreachable = e;
        Backends.unavailable(backend(), HOW_TO_START, rootCause(e));
      }
      throw e;
    }
    synchronized (this) {
      stores.add(store);
    }
    return store;
  }

  /** A plain connection to the test database, outside any store. */
  static Connection connect() throws SQLException {
    PostgresConfig config = PostgresConfig.fromUrl(URL);
    return DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
  }

  @Override
  public void afterEach(ExtensionContext context) throws SQLException {
    if (!perClass) {
      cleanUp();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    cleanUp();
  }

  private synchronized void cleanUp() throws SQLException {
    stores.forEach(PostgresSessionStore::close);
    stores.clear();
    if (schemas.isEmpty() || unreachable != null) {
      return;
    }
    try (Connection connection = connect(); Statement drop = connection.createStatement()) {
      for (String schema : schemas) {
        drop.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    schemas.clear();
  }

  private static boolean reachable() {
    try (Connection connection = connect()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** The driver's own failure, which says what went wrong (refused, unknown host, ...). */
  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** {@code PostgreSQL at host:port}, from the JDBC URL, which holds no credentials. */
  private static String backend() {
    String jdbcUrl = PostgresConfig.fromUrl(URL).jdbcUrl();
    String hostPort = jdbcUrl.substring("jdbc:postgresql://".length(), jdbcUrl.lastIndexOf('/'));
    return "PostgreSQL at " + hostPort;
  }
}
