package dev.sessiond.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * How often callers may open sessions, refresh and introspect: for each {@link Operation}, an
 * optional limit per API key and an optional limit per client IP address, each a {@link Rate}.
 * A call over either limit is answered 429 {@code rate_limited} with a {@code Retry-After}
 * header, and counts against neither.
 *
 * <p>By default nothing is limited ({@link #none()}): sessiond usually sits behind a few host
 * backends, so every user's calls arrive from the same handful of IP addresses and under the
 * same API key, and no default would suit every deployment. Operators turn limits on for what
 * their traffic looks like.
 *
 * <p>Immutable; {@link #with} answers a copy.
 */
public final class RateLimits {
  /** The operations that can be limited. */
  public enum Operation {
    /** {@code POST /v1/sessions} and {@code POST /v1/sessions/from-token-set}. */
    OPEN,
    /** {@code POST /v1/sessions/refresh}. */
    REFRESH,
    /** {@code POST /v1/introspect} and {@code POST /oauth2/introspect}. */
    INTROSPECT;

    /** The name in the config file and in error details, such as {@code introspect}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whose calls a limit counts. */
  public enum Scope {
    /** The authenticated caller: its API key (or, for session users, the user). */
    KEY,
    /** The client's IP address, as the server's socket sees it. */
    IP
  }

  /**
   * A token bucket: up to {@code burst} calls at once, refilled at {@code permitsPerSecond}.
   *
   * @param permitsPerSecond the sustained rate, from one call an hour to {@value #MAX_PER_SECOND}
   *     a second; may be fractional ({@code 0.5} is one call every 2 seconds)
   * @param burst how many calls may come back to back after a quiet spell, 1 to {@value
   *     #MAX_BURST}
   */
  public record Rate(double permitsPerSecond, int burst) {
    /** The slowest rate: one call an hour. */
    public static final double MIN_PER_SECOND = 1.0 / 3600;
    /** The fastest rate, per second. */
    public static final double MAX_PER_SECOND = 1_000_000;
    /** The largest burst. */
    public static final int MAX_BURST = 1_000_000;

    /** @throws IllegalArgumentException if a value is out of range */
    public Rate {
      if (!(permitsPerSecond >= MIN_PER_SECOND)) { // also catches NaN
        throw new IllegalArgumentException(
            "a rate must be at least one call an hour, got " + permitsPerSecond + " per second");
      }
      if (permitsPerSecond > MAX_PER_SECOND) {
        throw new IllegalArgumentException("a rate must be at most " + (long) MAX_PER_SECOND
            + " calls a second, got " + permitsPerSecond);
      }
      if (burst < 1 || burst > MAX_BURST) {
        throw new IllegalArgumentException(
            "a burst must be from 1 to " + MAX_BURST + " calls, got " + burst);
      }
    }

    /**
     * {@code permits} a second with bursts of up to {@code burst}.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public static Rate perSecond(double permits, int burst) {
      return new Rate(permits, burst);
    }

    /**
     * {@code permits} a second with the {@linkplain #defaultBurst default burst}.
     *
     * @throws IllegalArgumentException if the rate is out of range
     */
    public static Rate perSecond(double permits) {
      return new Rate(permits, defaultBurst(permits));
    }

    /** One second's worth of calls, rounded up, and at least 1. */
    public static int defaultBurst(double permitsPerSecond) {
      return (int) Math.max(1, Math.min(MAX_BURST, Math.ceil(permitsPerSecond)));
    }

    @Override
    public String toString() {
      return permitsPerSecond + "/s burst " + burst;
    }
  }

  private static final RateLimits NONE = new RateLimits(new Rate[slots()]);

  private final Rate[] rates; // by slot(operation, scope); null = unlimited

  private RateLimits(Rate[] rates) {
    this.rates = rates;
  }

  /** No limits at all: the default. */
  public static RateLimits none() {
    return NONE;
  }

  /**
   * These limits with {@code rate} for {@code operation} in {@code scope}, replacing any there.
   *
   * @throws NullPointerException if an argument is {@code null}
   */
  public RateLimits with(Operation operation, Scope scope, Rate rate) {
    Objects.requireNonNull(rate, "rate");
    Rate[] copy = rates.clone();
    copy[slot(operation, scope)] = rate;
    return new RateLimits(copy);
  }

  /** The limit on {@code operation} in {@code scope}; empty if it is unlimited. */
  public Optional<Rate> limit(Operation operation, Scope scope) {
    return Optional.ofNullable(rates[slot(operation, scope)]);
  }

  /** Whether {@code operation} has a limit in any scope. */
  public boolean limits(Operation operation) {
    for (Scope scope : Scope.values()) {
      if (rates[slot(operation, scope)] != null) {
        return true;
      }
    }
    return false;
  }

  /** Whether nothing is limited. */
  public boolean isNone() {
    return Arrays.stream(rates).allMatch(Objects::isNull);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimits other && Arrays.equals(rates, other.rates);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(rates);
  }

  /** Such as {@code RateLimits[open per KEY: 200.0/s burst 200]}, or {@code RateLimits[none]}. */
  @Override
  public String toString() {
    StringJoiner text = new StringJoiner(", ", "RateLimits[", "]").setEmptyValue("RateLimits[none]");
    for (Operation operation : Operation.values()) {
      for (Scope scope : Scope.values()) {
        Rate rate = rates[slot(operation, scope)];
        if (rate != null) {
          text.add(operation.wireName() + " per " + scope + ": " + rate);
        }
      }
    }
    return text.toString();
  }

  private static int slot(Operation operation, Scope scope) {
    return operation.ordinal() * Scope.values().length + scope.ordinal();
  }

  private static int slots() {
    return Operation.values().length * Scope.values().length;
  }
}
