package dev.sessiond.store.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sessiond.store.postgres.PostgresConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Brings a store's database up: checks it is UTF-8, creates the schema if missing, migrates it
 * from {@code classpath:db/postgres} with Flyway (which holds a PostgreSQL advisory lock meanwhile,
 * so nodes starting together migrate once), and opens the pool. Every connection has the
 * configured connect timeout, TCP keep-alive, and the driver set not to copy server error details
 * (which quote rows) into its exception messages; pooled ones also have {@code search_path} set to
 * the schema at login. The pool keeps two connections idle and opens more, up to the maximum, on
 * demand, so many nodes on one server do not each hold a full pool of idle connections. The event
 * listener's connection ({@link #forListener}) has the same settings, outside the pool.
 */
public final class PostgresConnections {
  private static final String APPLICATION_NAME = "sessiond";
  /** The prefix of the event listener's application name, which the schema follows. */
  public static final String LISTENER_APPLICATION_NAME = "sessiond-events/";
  private static final String POOL_NAME = "sessiond-postgres";
  /** The server's encoding. */
  private static final String ENCODING = "SELECT current_setting('server_encoding')";
  /** Params: schema. Whether it exists. */
  private static final String SCHEMA_EXISTS = "SELECT 1 FROM pg_namespace WHERE nspname = ?";
  /** Params: the lock key. Serializes schema creation between nodes that start together. */
  private static final String LOCK_SCHEMA_CREATION =
      "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";

  private PostgresConnections() {}

  /**
   * Makes the schema ready and opens the pool of {@code config}.
   *
   * @throws dev.sessiond.SessiondException {@link dev.sessiond.ErrorCode#UNAVAILABLE} if the
   *     database cannot be reached, the schema cannot be created or migrated, or the pool cannot
   *     start; the message holds no URL or credential
   */
  public static PostgresDatabase open(PostgresConfig config) {
    PGSimpleDataSource direct = dataSource(config, APPLICATION_NAME);
    prepare(direct, config.schema());
    migrate(direct, config.schema());
    direct.setCurrentSchema(config.schema());
    try {
      return new PostgresDatabase(new HikariDataSource(poolConfig(config, direct)));
    } catch (RuntimeException e) {
      throw PostgresFailures.unavailable("the session store could not open its connection pool",
          e);
    }
  }

  /**
   * Connections for the {@link EventListener} of {@code config}'s store: the settings of the
   * pool's, outside it, with the application name {@value #LISTENER_APPLICATION_NAME} and the
   * schema (cut to PostgreSQL's 63 bytes), so that operators can tell listeners apart.
   */
  public static PGSimpleDataSource forListener(PostgresConfig config) {
    return dataSource(config, LISTENER_APPLICATION_NAME + config.schema());
  }

  private static PGSimpleDataSource dataSource(PostgresConfig config, String applicationName) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(config.jdbcUrl());
    dataSource.setUser(config.user());
    dataSource.setPassword(config.password());
    int timeoutSeconds = (int) Math.max(1, (config.connectionTimeout().toMillis() + 999) / 1000);
    dataSource.setConnectTimeout(timeoutSeconds);
    dataSource.setLoginTimeout(timeoutSeconds);
    dataSource.setTcpKeepAlive(true);
    dataSource.setApplicationName(applicationName);
    dataSource.setLogServerErrorDetail(false);
    return dataSource;
  }

  /**
   * Checks that the database holds UTF-8 (any text a session carries must round-trip), and creates
   * {@code schema} unless it exists. Checking first lets a role without the right to create
   * schemas use one made for it.
   */
  private static void prepare(PGSimpleDataSource dataSource, String schema) {
    try (Connection connection = dataSource.getConnection()) {
      String encoding = PostgresDatabase.query(connection, ENCODING, rows -> rows.getString(1))
          .get(0);
      if (!encoding.equals("UTF8")) {
        throw PostgresFailures.unavailable("the session store's database must have UTF8"
            + " encoding (CREATE DATABASE ... ENCODING 'UTF8')", null);
      }
      connection.setAutoCommit(false);
      PostgresDatabase.query(connection, LOCK_SCHEMA_CREATION, rows -> true,
          "sessiond.create-schema");
      if (PostgresDatabase.query(connection, SCHEMA_EXISTS, rows -> true, schema).isEmpty()) {
        try (Statement create = connection.createStatement()) {
          // The name is checked by PostgresConfig: [a-z_][a-z0-9_]*, so quoting is enough.
          create.execute("CREATE SCHEMA \"" + schema + "\"");
        }
      }
      connection.commit();
    } catch (SQLException e) {
      throw PostgresFailures.isUnavailable(e)
          ? PostgresFailures.unavailable("the session store's database is not reachable", e)
          : PostgresFailures.unavailable("the session store could not create its schema", e);
    }
  }

  private static void migrate(PGSimpleDataSource dataSource, String schema) {
    try {
      Flyway.configure(PostgresConnections.class.getClassLoader())
          .dataSource(dataSource)
          .schemas(schema)
          .createSchemas(false)
          .locations("classpath:db/postgres")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw PostgresFailures.unavailable("the session store could not migrate its schema", e);
    }
  }

  private static HikariConfig poolConfig(PostgresConfig config, PGSimpleDataSource dataSource) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName(POOL_NAME);
    pool.setDataSource(dataSource);
    pool.setMaximumPoolSize(config.maxPoolSize());
    pool.setMinimumIdle(Math.min(2, config.maxPoolSize()));
    pool.setConnectionTimeout(config.connectionTimeout().toMillis());
    pool.setAutoCommit(true);
    return pool;
  }
}
