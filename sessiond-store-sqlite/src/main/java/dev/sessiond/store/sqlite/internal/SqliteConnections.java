package dev.sessiond.store.sqlite.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the connections of one SQLite file: the schema migration, the single writer and the pool of
 * readers. Every connection has a busy timeout and foreign keys on; the file is in WAL mode with
 * {@code synchronous=FULL}, so a commit returns only after the WAL is synced to disk, and readers
 * run alongside the writer.
 */
public final class SqliteConnections {
  private static final int WRITER_CACHE_KIB = 64 * 1024;
  private static final int READER_CACHE_KIB = 16 * 1024;
  private final String url;
  private final Duration busyTimeout;

  /**
   * @param file the database file; its directory must exist
   * @param busyTimeout how long a connection waits for a lock before failing
   */
  public SqliteConnections(Path file, Duration busyTimeout) {
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    this.busyTimeout = busyTimeout;
  }

  /** Creates or upgrades the schema from {@code classpath:db/sqlite}. */
  public void migrate() {
    Flyway.configure(SqliteConnections.class.getClassLoader())
        .dataSource(dataSource(writerConfig()))
        .locations("classpath:db/sqlite")
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }

  /** The writer's connection, in autocommit mode: the writer issues its own transactions. */
  public Connection openWriter() throws SQLException {
    return dataSource(writerConfig()).getConnection();
  }

  /** A pool of {@code size} connections that can only read ({@code PRAGMA query_only}). */
  public HikariDataSource openReaders(int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("sqlite-readers");
    config.setDataSource(dataSource(baseConfig()));
    config.setConnectionInitSql("PRAGMA query_only = ON");
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setAutoCommit(true);
    return new HikariDataSource(config);
  }

  private SQLiteConfig baseConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setCacheSize(-READER_CACHE_KIB);
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    config.enforceForeignKeys(true);
    return config;
  }

  private SQLiteConfig writerConfig() {
    SQLiteConfig config = baseConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    // Every insert touches eight B-trees (table, id and six listing indexes); a large cache keeps
    // their upper levels in memory instead of re-reading them for each write.
    config.setCacheSize(-WRITER_CACHE_KIB);
    return config;
  }

  private SQLiteDataSource dataSource(SQLiteConfig config) {
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl(url);
    return dataSource;
  }
}
