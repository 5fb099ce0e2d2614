package dev.sessiond;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when told to, for tests and simulations: time-dependent behaviour
 * (expiry, coalescing, purge) can be driven without sleeping. Safe to share between threads. Its
 * zone is UTC.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;

  /** @param start the initial time, never {@code null} */
  public ManualClock(Instant start) {
    now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /** Moves the clock forward (or back, if {@code amount} is negative) and returns the new time. */
  public Instant advance(Duration amount) {
    return now.updateAndGet(t -> t.plus(amount));
  }

  /** Sets the time. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Always UTC: this clock has no zone of its own. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
