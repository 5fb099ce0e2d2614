package dev.sessiond.store.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the threads of one store that wait for events when any node appends some to its schema.
 * From the first {@link #generation} call on, a daemon thread holds a connection of its own
 * (not one of the pool, which it would hold forever), runs {@code LISTEN} on {@link
 * EventSql#CHANNEL} and, for each notification whose payload is the schema, bumps a counter,
 * the generation, and wakes the waiters. If the connection breaks, the thread reconnects, waiting
 * {@value #FIRST_BACKOFF_MILLIS} ms at first and twice as long after each failure, up to {@value
 * #MAX_BACKOFF_MILLIS} ms; meanwhile waiters return after at most {@value #DOWN_WAIT_MILLIS} ms, so
 * their callers poll. Coming up and going down bump the generation too: events may have been
 * missed. Logs say which schema lost its listener and the SQLState, never the URL or credentials.
 */
public final class EventListener implements AutoCloseable {
  /** How long a wait lasts at most while the listener is not listening. */
  public static final long DOWN_WAIT_MILLIS = 250;
  static final long FIRST_BACKOFF_MILLIS = 100;
  static final long MAX_BACKOFF_MILLIS = 5_000;
  /** How long one read for notifications blocks before the thread checks whether it is closed. */
  private static final int POLL_MILLIS = 1_000;
  private static final long JOIN_MILLIS = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(EventListener.class);

  private final DataSource dataSource;
  private final String schema;

  // Guarded by this.
  private long generation;
  private boolean listening;
  private boolean closed;
  private Thread thread;
  private Connection connection;

  /**
   * A listener for the notifications of {@code schema}, connecting with {@code dataSource}; it
   * starts on the first {@link #generation} call.
   */
  public EventListener(DataSource dataSource, String schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  /** The count of wake-ups so far; starts the listener unless it runs or is closed. */
  public synchronized long generation() {
    if (thread == null && !closed) {
      thread = new Thread(this::listen, "sessiond-events-" + schema);
      thread.setDaemon(true);
      thread.start();
    }
    return generation;
  }

  /**
   * Waits until the generation is no longer {@code seen}, at most {@code maxWait}, and at most
   * {@value #DOWN_WAIT_MILLIS} ms while not listening. Returns at once once closed.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public synchronized void awaitChange(long seen, Duration maxWait) throws InterruptedException {
    long start = System.nanoTime();
    long wait = maxWait.compareTo(Duration.ofDays(365)) > 0
        ? TimeUnit.DAYS.toNanos(365) : maxWait.toNanos();
    long downWait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(DOWN_WAIT_MILLIS));
    while (generation == seen && !closed) {
      long left = start + (listening ? wait : downWait) - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Stops the thread and closes its connection; waiters return. Does nothing if closed. */
  @Override
  public void close() {
    Thread listenerThread;
    Connection current;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      wake();
      listenerThread = thread;
      current = connection;
    }
    if (current != null) {
      abort(current);
    }
    if (listenerThread != null) {
      listenerThread.interrupt();
      try {
        listenerThread.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void listen() {
    long backoff = FIRST_BACKOFF_MILLIS;
    boolean failing = false;
    while (!isClosed()) {
      try (Connection listened = dataSource.getConnection()) {
        if (!use(listened)) {
          return;
        }
        try (Statement statement = listened.createStatement()) {
          statement.execute(EventSql.LISTEN);
        }
        setListening(true);
        if (failing) {
          LOG.info("the event listener of schema {} is listening again", schema);
        }
        failing = false;
        backoff = FIRST_BACKOFF_MILLIS;
        PGConnection notifications = listened.unwrap(PGConnection.class);
        while (!isClosed()) {
          if (concernsThisSchema(notifications.getNotifications(POLL_MILLIS))) {
            synchronized (this) {
              wake();
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (isClosed()) {
          return;
        }
        if (!failing) {
          LOG.warn("the event listener of schema {} lost its connection (SQLState {});"
              + " reconnecting, waiters poll meanwhile", schema, sqlState(e));
        }
        LOG.debug("the event listener of schema {} failed", schema, e);
        failing = true;
      } finally {
        setListening(false);
        use(null);
      }
      if (!pause(backoff)) {
        return;
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
    }
  }

  private boolean concernsThisSchema(PGNotification[] notifications) {
    if (notifications != null) {
      for (PGNotification notification : notifications) {
        if (schema.equals(notification.getParameter())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Records the connection {@link #close} aborts; {@code false} if closed already. */
  private synchronized boolean use(Connection listened) {
    connection = listened;
    return !closed;
  }

  private synchronized void setListening(boolean now) {
    if (listening != now) {
      listening = now;
      wake();
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Bumps the generation and wakes every waiter; the caller holds the monitor. */
  private void wake() {
    generation++;
    notifyAll();
  }

  /** Sleeps {@code millis}; {@code false} if closed meanwhile. */
  private boolean pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      return false;
    }
    return !isClosed();
  }

  private static void abort(Connection listened) {
    try {
      // Closes the socket at once, also under a read blocked in another thread.
      listened.abort(Runnable::run);
    } catch (SQLException e) {
      LOG.debug("aborting the event listener's connection failed", e);
    }
  }

  private static String sqlState(Exception e) {
    return e instanceof SQLException sql ? sql.getSQLState() : e.getClass().getSimpleName();
  }
}
