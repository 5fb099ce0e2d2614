package dev.sessiond.server;

import dev.sessiond.SessionEngine;
import dev.sessiond.UserAgentParser;
import dev.sessiond.server.internal.ApiRouter;
import dev.sessiond.server.internal.Backend;
import dev.sessiond.server.internal.SecretFiles;
import dev.sessiond.server.internal.Sweeps;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sessiond: the HTTP API over a {@link SessionEngine} on the configured store, with the
 * periodic sweep. {@link #start} returns once the server is listening; {@link #close} stops it and
 * releases the store. Both block, so neither may be called from a Vert.x thread. Thread-safe.
 */
public final class SessiondServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessiondServer.class);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
  private static final String WARM_UP_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
      + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

  private final Deque<AutoCloseable> resources;
  private final int port;
  private final String adminKey;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SessiondServer(Deque<AutoCloseable> resources, int port, String adminKey) {
    this.resources = resources;
    this.port = port;
    this.adminKey = adminKey;
  }

  /**
   * Starts sessiond on the system clock and blocks until it listens.
   *
   * @param config never {@code null}
   * @throws IllegalArgumentException if the store URL names no store of this version, or an
   *     external issuer's JWKS file is missing, unreadable or not a JWK set
   * @throws IllegalStateException if the port cannot be bound or a key file is unusable
   * @throws UncheckedIOException if the data directory or a key file cannot be written
   * @throws dev.sessiond.SessiondException {@code unavailable} if the store cannot be opened
   */
  public static SessiondServer start(ServerConfig config) {
    return start(config, Clock.systemUTC());
  }

  /**
   * Starts sessiond with {@code clock} as the source of every time and blocks until it listens.
   *
   * @param config never {@code null}
   * @param clock never {@code null}; tests pass a {@link dev.sessiond.ManualClock}
   * @throws IllegalArgumentException if the store URL names no store of this version, or an
   *     external issuer's JWKS file is missing, unreadable or not a JWK set
   * @throws IllegalStateException if the port cannot be bound or a key file is unusable
   * @throws UncheckedIOException if the data directory or a key file cannot be written
   * @throws dev.sessiond.SessiondException {@code unavailable} if the store cannot be opened
   */
  public static SessiondServer start(ServerConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      Backend.createDataDirectory(config.dataDir());
      String adminKey = SecretFiles.adminKey(config.adminKey(), config.dataDir());
      Backend backend = Backend.open(config, clock, adminKey);
      resources.push(backend);
      SessionEngine engine = backend.engine();
      engine.startFollowing();
      resources.push(engine::close); // Should starting fail below; closing twice is harmless.

      Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
          new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
      resources.push(() -> vertx.close().await());
      WorkerExecutor workers =
          vertx.createSharedWorkerExecutor("sessiond-store", config.workerPoolSize());
      resources.push(() -> workers.close().await());
      workers.executeBlocking(() -> UserAgentParser.standard().parse(WARM_UP_AGENT), false);

      HttpServer server = vertx.createHttpServer(new HttpServerOptions()
          .setHost(config.host()).setPort(config.port()).setCompressionSupported(false));
      server.requestHandler(ApiRouter.create(vertx, engine, workers, new ApiRouter.Options(
          config.bodyLimitBytes(), config.tokens().algorithm(), clock,
          !config.externalIssuers().isEmpty(), config.rateLimits())));
      try {
        server.listen().await();
      } catch (RuntimeException e) {
        throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port()
            + ": " + e.getMessage(), e);
      }
      resources.push(() -> server.shutdown(SHUTDOWN_GRACE).await());
      // Closed before the server shuts down: event streams end at once (closed: shutting_down)
      // instead of holding the shutdown for its whole grace period.
      resources.push(engine::close);
      resources.push(Sweeps.start(vertx, engine, workers, config.sweepInterval()));
      LOG.info("sessiond listening on http://{}:{} (store {})", config.host(), server.actualPort(),
          describe(config.effectiveStoreUrl()));
      return new SessiondServer(resources, server.actualPort(), adminKey);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /** The port it listens on: the configured one, or the one picked when 0 was configured. */
  public int port() {
    return port;
  }

  /** The admin bearer key in force (configured, read from, or generated into {@code admin.key}). */
  public String adminKey() {
    return adminKey;
  }

  /**
   * Stops the sweep, then following the event feed (event streams end with {@code closed}), then
   * serving (requests in flight get up to five seconds to finish), then the store. Does nothing if
   * already closed.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeAll(resources);
      LOG.info("sessiond stopped");
    }
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("error while stopping", e);
      }
    }
  }

  /** The store URL as it may be logged: its scheme and, for SQLite, the file. */
  private static String describe(String storeUrl) {
    return storeUrl.startsWith("sqlite:") || storeUrl.startsWith("memory:")
        ? storeUrl : storeUrl.substring(0, Math.max(0, storeUrl.indexOf(':'))) + ":...";
  }
}
