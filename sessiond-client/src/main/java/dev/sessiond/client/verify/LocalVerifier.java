package dev.sessiond.client.verify;

import dev.sessiond.client.ClientConfig;
import dev.sessiond.client.FailMode;
import dev.sessiond.client.internal.verify.BlacklistSnapshot;
import dev.sessiond.client.internal.verify.EventFeed;
import dev.sessiond.client.internal.verify.FeedEvent;
import dev.sessiond.client.internal.verify.LocalRevocations;
import dev.sessiond.client.internal.verify.SigningKeys;
import dev.sessiond.client.internal.verify.TokenCache;
import dev.sessiond.client.internal.verify.TokenChecker;
import dev.sessiond.client.verify.Verification.Outcome;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Verifies sessiond access tokens in-process, without a call per token: signatures with the keys
 * of {@code /.well-known/jwks.json}, revocation against a local index kept from the event feed
 * ({@code GET /v1/events}, whose API key needs {@code events.read}).
 *
 * <p>A token whose signature checked out is remembered until its {@code exp}, so verifying it
 * again is a map lookup plus the revocation check, with no I/O. A token with an unknown {@code
 * kid} makes the verifier fetch the key set again, at most once per {@link
 * Builder#jwksRefetchInterval}; a {@code signing_key.rotated} event and the key set's {@code
 * max-age} also make it fetch.
 *
 * <p>The verifier is <em>fresh</em> while the last frame of the feed (the server sends a
 * heartbeat every second) is younger than {@link ClientConfig#maxStaleness()}. When it is not,
 * {@link FailMode#CLOSED} answers {@link Outcome#UNAVAILABLE} to every token, and {@link
 * FailMode#OPEN} accepts tokens that pass every local check with {@link Verification#stale()} set,
 * counting them. It recovers by itself when frames come again. Right after {@link #start}, before
 * the first frame, it is not fresh: call {@link #awaitFresh} at startup.
 *
 * <p>Thread-safe. {@link #close()} stops the feed and its threads; verifying afterwards answers
 * {@link Outcome#UNAVAILABLE}.
 */
public final class LocalVerifier implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LocalVerifier.class.getName());
  private static final Duration MIN_SILENCE_LIMIT = Duration.ofSeconds(3);
  private static final Duration RETRY_KEYS = Duration.ofSeconds(5);

  private final ClientConfig config;
  private final Clock clock;
  private final SigningKeys keys;
  private final TokenChecker checker;
  private final TokenCache cache;
  private final LocalRevocations revocations;
  private final ConnectionRegistry connections;
  private final EventFeed feed;
  private final BlacklistSnapshot bans;
  private final ScheduledExecutorService scheduler;
  private final LongAdder acceptedWhileStale = new LongAdder();
  private volatile boolean closed;

  private LocalVerifier(Builder b) {
    this.config = b.config;
    this.clock = b.clock;
    HttpClient http = HttpClient.newBuilder().connectTimeout(config.requestTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.keys = new SigningKeys(http, config.url(), config.requestTimeout(), b.jwksRefetchInterval);
    this.bans = new BlacklistSnapshot(http, config);
    this.checker = new TokenChecker(keys, b.issuer);
    this.cache = new TokenCache(b.maxCachedTokens);
    this.revocations = new LocalRevocations(b.revocationMemory);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sessiond-verifier-keys");
      t.setDaemon(true);
      return t;
    });
    this.connections = new ConnectionRegistry(s -> revocations.rejection(s, clock.instant()));
    this.feed = new EventFeed(http, config, clock, new EventFeed.Listener() {
      @Override
      public void event(FeedEvent event) {
        onEvent(event);
      }

      @Override
      public void reset(long position) {
        onReset();
      }
    });
  }

  /** Starts a verifier with every default setting. */
  public static LocalVerifier start(ClientConfig config) {
    return builder(config).start();
  }

  /** A builder for a verifier of {@code config} (never {@code null}). */
  public static Builder builder(ClientConfig config) {
    return new Builder(config);
  }

  private LocalVerifier begin() {
    scheduler.execute(this::refreshKeys);
    scheduler.execute(this::loadBans);
    Duration silence = config.maxStaleness().compareTo(MIN_SILENCE_LIMIT) > 0
        ? config.maxStaleness() : MIN_SILENCE_LIMIT;
    scheduler.scheduleWithFixedDelay(() -> feed.abortIfSilent(silence), 500, 500,
        TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(() -> revocations.forgetExpired(clock.instant()), 1, 1,
        TimeUnit.MINUTES);
    feed.start();
    return this;
  }

  /**
   * Verifies {@code token}: signature, issuer, lifetime, then revocation, by the verifier's clock.
   * Never throws for bad input and never does I/O for a token seen before.
   *
   * @param token anything, including {@code null} (which is {@link Outcome#INVALID}); never logged
   */
  public Verification verify(String token) {
    if (closed) {
      return Verification.rejected(Outcome.UNAVAILABLE, "the verifier is closed");
    }
    Instant now = clock.instant();
    boolean fresh = isFresh(now);
    if (!fresh && config.failMode() == FailMode.CLOSED) {
      return Verification.rejected(Outcome.UNAVAILABLE, feed.lastFrameAt() == null
          ? "no word from the sessiond event feed yet (fail-closed)"
          : "the sessiond event feed is stale (fail-closed)");
    }
    if (token == null || token.isEmpty() || token.length() > TokenChecker.MAX_TOKEN_LENGTH) {
      return Verification.rejected(Outcome.INVALID, "not a valid sessiond access token");
    }
    VerifiedSession session = cache.get(token);
    if (session == null) {
      try {
        session = checker.check(token);
      } catch (SigningKeys.Unavailable e) {
        return Verification.rejected(Outcome.UNAVAILABLE, e.getMessage());
      }
      if (session == null) {
        return Verification.rejected(Outcome.INVALID, "not a valid sessiond access token");
      }
      if (session.expiresAt().isAfter(now)) {
        cache.put(token, session, now);
      }
    }
    if (!session.expiresAt().isAfter(now)) {
      return Verification.rejected(Outcome.EXPIRED, "the token has expired");
    }
    LocalRevocations.Rejection rejection = revocations.rejection(session, now);
    if (rejection != null) {
      return Verification.rejected(Outcome.REVOKED, switch (rejection) {
        case SESSION_REVOKED -> "the session was revoked";
        case BLACKLISTED -> "the session or token is blacklisted";
        case WATERMARK -> "all sessions of the user or tenant were revoked";
      });
    }
    if (fresh) {
      return Verification.valid(session, false);
    }
    acceptedWhileStale.increment();
    return Verification.valid(session, true);
  }

  /**
   * Waits until the verifier is fresh and has loaded the signing keys, or {@code timeout} passes.
   *
   * @return whether it is ready
   */
  public boolean awaitFresh(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!(isFresh(clock.instant()) && keys.isLoaded())) {
      if (closed || System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /** Whether the feed's last frame is younger than the configured maximum staleness. */
  public boolean isFresh() {
    return isFresh(clock.instant());
  }

  /** A snapshot of the verifier's health. */
  public VerifierStatus status() {
    return new VerifierStatus(isFresh(), feed.lastFrameAt(), feed.position(),
        acceptedWhileStale.sum(), keys.fetchCount());
  }

  /** How many tokens were accepted in fail-open mode while stale. */
  public long acceptedWhileStale() {
    return acceptedWhileStale.sum();
  }

  /** The registry that closes long-lived connections of sessions the feed says have ended. */
  public ConnectionRegistry connections() {
    return connections;
  }

  /**
   * Stops the feed and the verifier's threads. Registered connections are left open (and no
   * longer watched). Does nothing if already closed.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    feed.close();
    scheduler.shutdownNow();
    connections.shutdown();
  }

  private boolean isFresh(Instant now) {
    Instant last = feed.lastFrameAt();
    return last != null && Duration.between(last, now).compareTo(config.maxStaleness()) <= 0;
  }

  private void onEvent(FeedEvent event) {
    revocations.apply(event);
    if (FeedEvent.SIGNING_KEY_ROTATED.equals(event.type()) && !keys.knows(event.name())) {
      runInBackground(this::refreshKeysOnce);
    }
    connections.onEvent(event);
  }

  private void onReset() {
    // Known revocations stay true; keys may have rotated and tokens cached may carry claims
    // checked against keys since retired, so both are checked afresh.
    cache.clear();
    runInBackground(this::refreshKeysOnce);
    runInBackground(this::loadBans);
  }

  /**
   * Loads the bans in force, which may be older than the feed reaches back; retried while the
   * server cannot be reached, given up (with a warning) when the key may not list them.
   */
  private void loadBans() {
    try {
      for (FeedEvent ban : bans.load(clock.instant())) {
        revocations.apply(ban);
        connections.onEvent(ban);
      }
    } catch (BlacklistSnapshot.Refused e) {
      LOG.log(Level.WARNING, e.getMessage() + "; bans older than the server's event retention "
          + "are not known to this verifier");
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.INFO, "cannot list sessiond's blacklist yet; retrying: " + e.getMessage());
      try {
        scheduler.schedule(this::loadBans, RETRY_KEYS.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closedMeanwhile) {
        // Closed: nothing to load for.
      }
    }
  }

  private void runInBackground(Runnable task) {
    try {
      scheduler.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile: nothing left to refresh for.
    }
  }

  /** Fetches the keys and schedules the next fetch by their max-age. */
  private void refreshKeys() {
    Duration next;
    try {
      next = keys.refresh();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot fetch sessiond's signing keys; retrying: " + e.getMessage());
      next = RETRY_KEYS;
    }
    if (next.compareTo(Duration.ofSeconds(1)) < 0) {
      next = Duration.ofSeconds(1);
    }
    try {
      scheduler.schedule(this::refreshKeys, next.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile.
    }
  }

  private void refreshKeysOnce() {
    try {
      keys.refresh();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot fetch sessiond's signing keys: " + e.getMessage());
    }
  }

  /** Settings of a {@link LocalVerifier}; each has a default. */
  public static final class Builder {
    private final ClientConfig config;
    private Clock clock = Clock.systemUTC();
    private int maxCachedTokens = 10_000;
    private Duration jwksRefetchInterval = Duration.ofSeconds(30);
    private Duration revocationMemory = Duration.ofHours(12);
    private String issuer;

    private Builder(ClientConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The clock for expiry and staleness; default the system clock in UTC. Never {@code null}. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** How many verified tokens to remember (default 10,000); 0 turns the cache off. */
    public Builder maxCachedTokens(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("maxCachedTokens must not be negative");
      }
      this.maxCachedTokens = value;
      return this;
    }

    /** The least time between key-set fetches caused by unknown {@code kid}s; default 30 s. */
    public Builder jwksRefetchInterval(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("jwksRefetchInterval must not be negative");
      }
      this.jwksRefetchInterval = value;
      return this;
    }

    /**
     * How long a revoked session id is remembered after the revocation; default 12 h. Must be at
     * least the longest access-token lifetime the server issues (5 minutes by default).
     */
    public Builder revocationMemory(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("revocationMemory must be positive");
      }
      this.revocationMemory = value;
      return this;
    }

    /** The required {@code iss}; {@code null} (the default) accepts any issuer. */
    public Builder issuer(String value) {
      this.issuer = value;
      return this;
    }

    /** Starts the verifier: it fetches the keys and follows the feed in the background. */
    public LocalVerifier start() {
      return new LocalVerifier(this).begin();
    }
  }
}
