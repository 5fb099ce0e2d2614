package dev.sessiond.server;

import java.nio.file.Path;

/**
 * Store URLs for server tests that run on each backend: the SQLite file in the test's data
 * directory, a throwaway PostgreSQL schema ({@link PostgresSchemas}) or a throwaway Redis key
 * prefix ({@link RedisPrefixes}).
 */
final class TestStores {
  private TestStores() {}

  /** What a test on each backend does with a fresh store URL. */
  @FunctionalInterface
  interface OnStore {
    void run(String storeUrl) throws Exception;
  }

  /**
   * Runs {@code test} on a fresh store of {@code backend} ({@code sqlite}, {@code postgres} or
   * {@code redis}), named after {@code name}, and cleans the backend up afterwards, whatever
   * happened.
   */
  static void on(String backend, String name, Path dataDir, OnStore test) throws Exception {
    String storeUrl = switch (backend) {
      case "postgres" -> PostgresSchemas.create(name);
      case "redis" -> RedisPrefixes.create(name);
      case "sqlite" -> "sqlite:" + dataDir.resolve("sessiond.db");
      default -> throw new IllegalArgumentException("unknown backend " + backend);
    };
    try {
      test.run(storeUrl);
    } finally {
      PostgresSchemas.dropIfAny(storeUrl);
      RedisPrefixes.dropIfAny(storeUrl);
    }
  }
}
