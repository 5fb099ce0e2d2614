package dev.sessiond.server.internal;

import dev.sessiond.SessionEngine;
import dev.sessiond.SweepResult;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link SessionEngine#sweep()} every interval on a worker: expires sessions past their
 * expiry, purges ended ones past retention, rotates signing keys that are due and picks up keys
 * rotated elsewhere (such as by {@code sessiond keys rotate}). A sweep that is still running when the next is due
 * makes that one skip; a failed sweep is logged and the schedule goes on.
 */
public final class Sweeps implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sweeps.class);

  private final Vertx vertx;
  private final long timerId;
  private final AtomicBoolean running = new AtomicBoolean();

  private Sweeps(Vertx vertx, SessionEngine engine, WorkerExecutor workers, Duration interval) {
    this.vertx = vertx;
    long millis = Math.max(1, interval.toMillis());
    this.timerId = vertx.setPeriodic(millis, id -> sweep(engine, workers));
  }

  /** Starts sweeping every {@code interval}; the first sweep runs one interval from now. */
  public static Sweeps start(
      Vertx vertx, SessionEngine engine, WorkerExecutor workers, Duration interval) {
    return new Sweeps(vertx, engine, workers, interval);
  }

  private void sweep(SessionEngine engine, WorkerExecutor workers) {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    workers.executeBlocking(engine::sweep, false).onComplete(result -> {
      running.set(false);
      if (result.succeeded()) {
        SweepResult swept = result.result();
        LOG.debug("sweep: {} expired, {} purged", swept.expired(), swept.purged());
      } else {
        LOG.warn("sweep failed; will retry at the next interval", result.cause());
      }
    });
  }

  /** Stops the schedule; a sweep already running finishes on its own. */
  @Override
  public void close() {
    vertx.cancelTimer(timerId);
  }
}
