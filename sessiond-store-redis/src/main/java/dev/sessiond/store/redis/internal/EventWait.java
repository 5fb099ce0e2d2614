package dev.sessiond.store.redis.internal;

import io.lettuce.core.RedisException;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Waiting for the feed to grow, with a blocking {@code XREAD} on a connection of its own, opened
 * on first use: on the shared connection a blocking command would stall every other call. On a
 * Cluster that connection routes the command to the node that owns the feed's slot.
 *
 * <p>Waiting threads take turns on it. The one whose turn it is blocks until an entry after the
 * last position at that moment exists, so it wakes on the next append whatever position it asked
 * about (an early wake, which callers allow); the next one checks the position again before it
 * blocks. One {@code XREAD} blocks at most {@link #MAX_BLOCK}, after which the wait returns early.
 * A thread that does not get its turn before its deadline returns without waiting further.
 */
final class EventWait implements AutoCloseable {
  /** The longest one blocking read lasts; its timeout is this beyond the usual (RedisConnector). */
  static final Duration MAX_BLOCK = Duration.ofSeconds(30);

  private final RedisLink link;
  private final String log;
  private final ReentrantLock turn = new ReentrantLock();
  private volatile StatefulConnection<String, String> connection;
  private volatile boolean closed;

  EventWait(RedisLink link, String log) {
    this.link = link;
    this.log = log;
  }

  /**
   * Waits until the position {@code last} answers may have passed {@code after}, until {@code
   * deadline} ({@link System#nanoTime()}) at most; returns early as described above, and at once
   * after {@link #close()}.
   */
  void await(long after, long deadline, LongSupplier last) throws InterruptedException {
    if (!turn.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
      return;
    }
    try {
      long seq = last.getAsLong();
      long millis = Math.min(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()),
          MAX_BLOCK.toMillis());
      if (seq <= after && millis >= 1 && !closed) {
        blockAfter(seq, millis);
      }
    } finally {
      turn.unlock();
    }
  }

  /** Blocks until an entry after {@code seq} exists, {@code millis} at most. */
  private void blockAfter(long seq, long millis) throws InterruptedException {
    StatefulConnection<String, String> blocking = connection;
    if (blocking == null) {
      blocking = link.connectForBlocking();
      connection = blocking;
    }
    try {
      RedisLink.async(blocking).xread(XReadArgs.Builder.block(millis).count(1),
          XReadArgs.StreamOffset.from(log, seq + "-0")).get();
    } catch (InterruptedException e) {
      discard(blocking);
      throw e;
    } catch (ExecutionException | CancellationException | RedisException e) {
      // A failed or abandoned read leaves the connection in an unknown state: open a new one next.
      discard(blocking);
      if (!closed) {
        throw RedisLink.unavailable(e instanceof ExecutionException failed
            && failed.getCause() instanceof RedisException cause ? cause
            : new RedisException("the blocking read failed", e));
      }
    }
  }

  /** Closes {@code blocking} unless {@link #close()} already did. */
  private void discard(StatefulConnection<String, String> blocking) {
    if (connection == blocking) {
      connection = null;
      blocking.closeAsync();
    }
  }

  /** Closes the connection; a thread blocked on it returns. Does nothing if closed. */
  @Override
  public void close() {
    closed = true;
    StatefulConnection<String, String> blocking = connection;
    if (blocking != null) {
      connection = null;
      blocking.close();
    }
  }
}
