package dev.sessiond.server.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessiond.server.RateLimits;
import dev.sessiond.server.RateLimits.Operation;
import dev.sessiond.server.RateLimits.Rate;
import dev.sessiond.server.RateLimits.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Enforces {@link RateLimits}: one token bucket per operation, scope and subject (an API key's
 * actor, an IP address), held in a bounded cache per limit. Time comes from the {@link Clock}.
 *
 * <p>Each bucket is kept as one time, when its next permit is due at the sustained rate (the
 * "theoretical arrival time" of the generic cell rate algorithm): a call is allowed while that
 * time is at most {@code burst - 1} intervals ahead of now, and taking a permit pushes it one
 * interval further. This is exactly a token bucket of capacity {@code burst} refilled at the
 * rate, in one {@code long}. A bucket left alone for {@code burst} intervals is full again, the
 * same as a new one, so the cache drops it then. With more subjects than a limit remembers, the
 * cache drops the least valuable by its own policy, and a dropped subject starts again full.
 *
 * <p>Thread-safe. An operation without limits costs one array read: no cache lookup, no
 * allocation.
 */
public final class RateLimiter {
  /** How many subjects each limit remembers by default. */
  public static final long DEFAULT_MAX_SUBJECTS = 100_000;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** What {@link #tryAcquire} decided. */
  public record Decision(Scope limitedBy, Duration retryAfter) {
    /** The call may go ahead. */
    public static final Decision ALLOWED = new Decision(null, Duration.ZERO);

    /** Whether the call may go ahead; if not, {@link #limitedBy} and {@link #retryAfter} say why. */
    public boolean allowed() {
      return limitedBy == null;
    }
  }

  private final Clock clock;
  private final Limit[][] limits; // [operation][scope]; a null row when the operation is unlimited

  /** A limiter remembering up to {@link #DEFAULT_MAX_SUBJECTS} subjects per limit. */
  public RateLimiter(RateLimits rateLimits, Clock clock) {
    this(rateLimits, clock, DEFAULT_MAX_SUBJECTS);
  }

  /**
   * @param maxSubjectsPerLimit how many subjects (keys or addresses) each limit remembers; at
   *     least 1
   */
  public RateLimiter(RateLimits rateLimits, Clock clock, long maxSubjectsPerLimit) {
    Objects.requireNonNull(rateLimits, "rateLimits");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxSubjectsPerLimit < 1) {
      throw new IllegalArgumentException("maxSubjectsPerLimit must be at least 1");
    }
    limits = new Limit[Operation.values().length][];
    for (Operation operation : Operation.values()) {
      if (rateLimits.limits(operation)) {
        Limit[] row = new Limit[Scope.values().length];
        for (Scope scope : Scope.values()) {
          row[scope.ordinal()] = rateLimits.limit(operation, scope)
              .map(rate -> new Limit(rate, clock, maxSubjectsPerLimit)).orElse(null);
        }
        limits[operation.ordinal()] = row;
      }
    }
  }

  /** Whether {@code operation} is limited in {@code scope}. */
  public boolean limits(Operation operation, Scope scope) {
    Limit[] row = limits[operation.ordinal()];
    return row != null && row[scope.ordinal()] != null;
  }

  /**
   * Takes a permit for one {@code operation} call from both the key's and the address's bucket,
   * or from neither: if either is empty, the call is denied and neither bucket changes.
   *
   * @param keySubject the caller, such as {@code api_key:ops}; {@code null} skips the key limit
   * @param ipSubject the client's IP address; {@code null} skips the address limit
   * @return {@link Decision#ALLOWED}, or the scope that denied (the one that frees up last, if
   *     both did) and how long until a call would be allowed; never {@code null}
   */
  public Decision tryAcquire(Operation operation, String keySubject, String ipSubject) {
    Limit[] row = limits[operation.ordinal()];
    if (row == null) {
      return Decision.ALLOWED;
    }
    Limit keyLimit = keySubject == null ? null : row[Scope.KEY.ordinal()];
    Limit ipLimit = ipSubject == null ? null : row[Scope.IP.ordinal()];
    Bucket key = keyLimit == null ? null : keyLimit.bucket(keySubject);
    Bucket ip = ipLimit == null ? null : ipLimit.bucket(ipSubject);
    if (key == null && ip == null) {
      return Decision.ALLOWED;
    }
    long now = nanos(clock);
    if (ip == null) {
      return key.tryTake(keyLimit, now, Scope.KEY);
    }
    if (key == null) {
      return ip.tryTake(ipLimit, now, Scope.IP);
    }
    // Always the key's bucket first, then the address's: a fixed order, so no deadlock.
    synchronized (key) {
      synchronized (ip) {
        long keyWait = key.nanosUntilFree(keyLimit, now);
        long ipWait = ip.nanosUntilFree(ipLimit, now);
        if (keyWait == 0 && ipWait == 0) {
          key.take(keyLimit, now);
          ip.take(ipLimit, now);
          return Decision.ALLOWED;
        }
        return keyWait >= ipWait ? denied(Scope.KEY, keyWait) : denied(Scope.IP, ipWait);
      }
    }
  }

  private static Decision denied(Scope scope, long waitNanos) {
    return new Decision(scope, Duration.ofNanos(waitNanos));
  }

  private static long nanos(Clock clock) {
    return TimeUnit.MILLISECONDS.toNanos(clock.millis());
  }

  /** One configured limit: its rate in nanoseconds and its subjects' buckets. */
  private static final class Limit {
    final long interval; // nanoseconds between permits at the sustained rate
    final long tolerance; // how far ahead of now a bucket's time may be and still allow a call
    final Cache<String, Bucket> buckets;

    Limit(Rate rate, Clock clock, long maxSubjects) {
      interval = Math.max(1, Math.round(NANOS_PER_SECOND / rate.permitsPerSecond()));
      tolerance = interval * (rate.burst() - 1L);
      buckets = Caffeine.newBuilder()
          .maximumSize(maxSubjects)
          .ticker(() -> nanos(clock))
          .expireAfterAccess(Duration.ofNanos(tolerance + interval))
          .build();
    }

    Bucket bucket(String subject) {
      return buckets.get(subject, s -> new Bucket());
    }
  }

  /** One subject's bucket; guarded by its own monitor. */
  private static final class Bucket {
    private long next = Long.MIN_VALUE; // when the next permit is due at the sustained rate

    /** Nanoseconds until a permit is free; 0 if one is free now. The caller holds the lock. */
    long nanosUntilFree(Limit limit, long now) {
      return Math.max(0, Math.max(next, now) - limit.tolerance - now);
    }

    /** Takes a permit; the caller holds the lock and has seen {@link #nanosUntilFree} answer 0. */
    void take(Limit limit, long now) {
      next = Math.max(next, now) + limit.interval;
    }

    synchronized Decision tryTake(Limit limit, long now, Scope scope) {
      long wait = nanosUntilFree(limit, now);
      if (wait > 0) {
        return denied(scope, wait);
      }
      take(limit, now);
      return Decision.ALLOWED;
    }
  }
}
