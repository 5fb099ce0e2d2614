package dev.sessiond.store.sqlite;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SqliteSessionStore} runs.
 *
 * @param maxBatchSize the most writes committed together in one transaction, at least 1
 * @param readerPoolSize how many read-only connections serve reads alongside the writer, at least 1
 * @param busyTimeout how long a connection waits for a lock held by another process before
 *     failing; never {@code null}, not negative
 */
public record SqliteOptions(int maxBatchSize, int readerPoolSize, Duration busyTimeout) {
  /** Up to 512 writes per commit, 4 readers, 5 s busy timeout. */
  public static final SqliteOptions DEFAULTS = new SqliteOptions(512, 4, Duration.ofSeconds(5));

  public SqliteOptions {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be at least 1");
    }
    if (readerPoolSize < 1) {
      throw new IllegalArgumentException("readerPoolSize must be at least 1");
    }
    Objects.requireNonNull(busyTimeout, "busyTimeout");
    if (busyTimeout.isNegative()) {
      throw new IllegalArgumentException("busyTimeout must not be negative");
    }
  }
}
