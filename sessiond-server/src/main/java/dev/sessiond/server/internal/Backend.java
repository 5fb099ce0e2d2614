package dev.sessiond.server.internal;

import dev.sessiond.SessionEngine;
import dev.sessiond.SessionEngineBuilder;
import dev.sessiond.server.ServerConfig;
import dev.sessiond.store.SessionLimitStore;
import dev.sessiond.store.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * The store a configuration names and the {@link SessionEngine} on it, with the token settings,
 * key-encryption key and external issuers in force: what the server runs on, and what {@code
 * sessiond keys rotate} opens without a server. {@link #close} closes the store.
 */
public final class Backend implements AutoCloseable {
  private final SessionStore store;
  private final SessionEngine engine;

  private Backend(SessionStore store, SessionEngine engine) {
    this.store = store;
    this.engine = engine;
  }

  /**
   * Checks the external issuers' JWKS files, creates the data directory if needed, resolves the
   * key-encryption key (configured, or {@code signing.kek}), opens the store and builds the engine,
   * which loads (or makes) the signing keys.
   *
   * @throws IllegalArgumentException if the store URL names no store of this version, or an
   *     external issuer's JWKS file is missing, unreadable or not a JWK set (the message names the
   *     tenant, the issuer and the file)
   * @throws IllegalArgumentException if a tenant has a session limit and the store cannot enforce
   *     one
   * @throws IllegalStateException if the key-encryption key file is unusable
   * @throws UncheckedIOException if the data directory or key file cannot be written
   * @throws dev.sessiond.SessiondException {@code unavailable} if the store cannot be opened
   */
  public static Backend open(ServerConfig config, Clock clock) {
    return open(config, clock, null);
  }

  /**
   * As {@link #open(ServerConfig, Clock)}, installing {@code bootstrapKey} (if not {@code null})
   * as the API key with every method in every tenant.
   */
  public static Backend open(ServerConfig config, Clock clock, String bootstrapKey) {
    JwksFiles.check(config.externalIssuers());
    createDataDirectory(config.dataDir());
    byte[] kek = SecretFiles.keyEncryptionKey(config.keyEncryptionKey(), config.dataDir());
    SessionStore store = Stores.open(config.effectiveStoreUrl());
    try {
      if (!config.sessionLimits().isEmpty() && !(store instanceof SessionLimitStore)) {
        throw new IllegalArgumentException("max-sessions-per-user is set (tenants "
            + new TreeSet<>(config.sessionLimits().keySet()) + ") but the store "
            + store.getClass().getSimpleName() + " cannot enforce session limits");
      }
      SessionEngineBuilder builder = SessionEngine.builder()
          .store(store).clock(clock).settings(config.engineSettings())
          .tokens(config.tokens().settings(kek))
          .externalIssuers(config.externalIssuers())
          .sessionLimits(config.sessionLimits())
          .maxSupportGrant(config.maxSupportGrant())
          .auditRetention(config.auditRetention())
          .eventRetention(config.eventRetention())
          // Three intervals: a node that sweeps on time always renews before the lease runs out.
          .sweepLease(config.sweepInterval().multipliedBy(3));
      if (bootstrapKey != null) {
        builder.bootstrapKey(bootstrapKey);
      }
      SessionEngine engine = builder.build();
      return new Backend(store, engine);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
  }

  /**
   * Creates the data directory if it is missing, readable by its owner only (0700 where the file
   * system has POSIX permissions): it holds every session record and the secrets. An existing
   * directory keeps the permissions its operator gave it.
   *
   * @throws UncheckedIOException if it cannot be created
   */
  public static void createDataDirectory(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
  }

  /** The engine; never {@code null}. */
  public SessionEngine engine() {
    return engine;
  }

  /** Closes the store. */
  @Override
  public void close() {
    store.close();
  }
}
