package dev.sessiond.store;

import java.time.Instant;
import java.util.Objects;

/** The ability to hand the periodic sweep to one node at a time. */
public interface SweepLease {
  /**
   * Takes or renews the lease {@code name} for {@code holder} until {@code until}: succeeds if
   * nobody holds it, if its current holder's lease ended at or before {@code now}, or if {@code
   * holder} already holds it (then it is extended). Atomic across every process sharing the store.
   *
   * @throws NullPointerException if any argument is {@code null}
   * @throws IllegalArgumentException if {@code until} is not after {@code now}
   * @return whether {@code holder} holds it until {@code until} now
   */
  boolean tryLease(String name, String holder, Instant now, Instant until);

  /** Checks the arguments of {@link #tryLease} as its contract says; for implementations. */
  static void checkLease(String name, String holder, Instant now, Instant until) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(until, "until");
    if (!until.isAfter(now)) {
      throw new IllegalArgumentException("until must be after now");
    }
  }
}
