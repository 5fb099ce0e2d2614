package dev.sessiond.client.verify;

import dev.sessiond.client.internal.verify.FeedEvent;
import dev.sessiond.client.internal.verify.LocalRevocations;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Long-lived connections (WebSockets, SSE streams, ...) by the session that opened them, closed
 * when the event feed says that session has ended: {@code session.revoked} ({@value
 * #SESSION_REVOKED}), {@code session.expired} ({@value #SESSION_EXPIRED}), {@code blacklisted}
 * naming the session id or the token's {@code jti} ({@value #SESSION_BLACKLISTED}), or a
 * revoke-all watermark of the user or tenant at or after the token's {@code iat} second ({@value
 * #SESSIONS_REVOKED}). Each connection is closed at most once, on one of the registry's own daemon
 * threads (so a slow close blocks neither the feed nor other closes), and unregistered first.
 * Obtained from {@link LocalVerifier#connections()}. Thread-safe.
 */
public final class ConnectionRegistry {
  /** The reason given when the session was revoked. */
  public static final String SESSION_REVOKED = "session_revoked";
  /** The reason given when the session expired. */
  public static final String SESSION_EXPIRED = "session_expired";
  /** The reason given when the session id or token id was blacklisted. */
  public static final String SESSION_BLACKLISTED = "session_blacklisted";
  /** The reason given when all sessions of the user or tenant were revoked. */
  public static final String SESSIONS_REVOKED = "sessions_revoked";

  private static final System.Logger LOG = System.getLogger(ConnectionRegistry.class.getName());

  /** One registered connection; closing it unregisters it without calling its close action. */
  public interface Registration extends AutoCloseable {
    /** The session it was registered with. */
    VerifiedSession session();

    /** Whether it is still registered (neither closed by the registry nor unregistered). */
    boolean isRegistered();

    /** Unregisters it; does nothing if it already was. */
    @Override
    void close();
  }

  private final Function<VerifiedSession, LocalRevocations.Rejection> currentRejection;
  private final Map<String, Set<Entry>> bySession = new ConcurrentHashMap<>();
  private final Set<Entry> all = ConcurrentHashMap.newKeySet();
  private final ExecutorService closer;

  ConnectionRegistry(Function<VerifiedSession, LocalRevocations.Rejection> currentRejection) {
    this.currentRejection = currentRejection;
    AtomicInteger threads = new AtomicInteger();
    this.closer = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sessiond-connection-closer-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Registers a connection of {@code session}. If what the verifier already knows rejects the
   * session, {@code close} is called at once (on a registry thread) with the reason.
   *
   * @param session never {@code null}; usually what the connection's token verified to
   * @param close called once with the reason when the session ends; never {@code null}. What it
   *     throws is logged and otherwise ignored
   */
  public Registration register(VerifiedSession session, Consumer<String> close) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(close, "close");
    Entry entry = new Entry(session, close);
    all.add(entry);
    bySession.computeIfAbsent(session.sessionId(), k -> ConcurrentHashMap.newKeySet()).add(entry);
    LocalRevocations.Rejection rejection = currentRejection.apply(session);
    if (rejection != null) {
      entry.fire(switch (rejection) {
        case SESSION_REVOKED -> SESSION_REVOKED;
        case BLACKLISTED -> SESSION_BLACKLISTED;
        case WATERMARK -> SESSIONS_REVOKED;
      });
    }
    return entry;
  }

  /**
   * Registers {@code connection}, to be {@linkplain AutoCloseable#close() closed} when its session
   * ends (the reason is not passed on).
   *
   * @param connection never {@code null}; what its close throws is logged and otherwise ignored
   */
  public Registration register(VerifiedSession session, AutoCloseable connection) {
    Objects.requireNonNull(connection, "connection");
    return register(session, reason -> {
      try {
        connection.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** How many connections are registered. */
  public int count() {
    return all.size();
  }

  /** Closes what {@code event} ends. Called on the feed's thread; never blocks on a close. */
  void onEvent(FeedEvent event) {
    switch (event.type()) {
      case FeedEvent.SESSION_REVOKED -> fireSession(event.sessionId(), SESSION_REVOKED);
      case FeedEvent.SESSION_EXPIRED -> fireSession(event.sessionId(), SESSION_EXPIRED);
      case FeedEvent.BLACKLISTED -> {
        for (Entry e : all) {
          VerifiedSession s = e.session;
          if (s.tenantId().equals(event.tenantId())
              && (s.sessionId().equals(event.name()) || s.tokenId().equals(event.name()))) {
            e.fire(SESSION_BLACKLISTED);
          }
        }
      }
      case FeedEvent.WATERMARK_RAISED -> {
        long mark = event.at().getEpochSecond();
        for (Entry e : all) {
          VerifiedSession s = e.session;
          if (s.tenantId().equals(event.tenantId())
              && (event.userId().isEmpty() || s.userId().equals(event.userId()))
              && s.issuedAt().getEpochSecond() <= mark) {
            e.fire(SESSIONS_REVOKED);
          }
        }
      }
      default -> { }
    }
  }

  /** Stops the close threads; registered connections stay open. */
  void shutdown() {
    closer.shutdown();
  }

  private void fireSession(String sessionId, String reason) {
    Set<Entry> entries = bySession.get(sessionId);
    if (entries != null) {
      entries.forEach(e -> e.fire(reason));
    }
  }

  private void unregister(Entry entry) {
    all.remove(entry);
    bySession.computeIfPresent(entry.session.sessionId(), (k, set) -> {
      set.remove(entry);
      return set.isEmpty() ? null : set;
    });
  }

  private final class Entry implements Registration {
    private final VerifiedSession session;
    private final Consumer<String> close;
    private final AtomicBoolean done = new AtomicBoolean();

    Entry(VerifiedSession session, Consumer<String> close) {
      this.session = session;
      this.close = close;
    }

    void fire(String reason) {
      if (done.compareAndSet(false, true)) {
        unregister(this);
        try {
          closer.execute(() -> {
            try {
              close.accept(reason);
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "closing a connection (" + reason + ") failed", e);
            }
          });
        } catch (java.util.concurrent.RejectedExecutionException e) {
          LOG.log(Level.DEBUG, "the registry is shut down; a connection was left open");
        }
      }
    }

    @Override
    public VerifiedSession session() {
      return session;
    }

    @Override
    public boolean isRegistered() {
      return !done.get();
    }

    @Override
    public void close() {
      if (done.compareAndSet(false, true)) {
        unregister(this);
      }
    }
  }
}
