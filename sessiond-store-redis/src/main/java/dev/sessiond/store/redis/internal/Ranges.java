package dev.sessiond.store.redis.internal;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.Range.Boundary;

/** Score ranges and limits for sorted-set reads. */
final class Ranges {
  private Ranges() {}

  /** Scores up to {@code max}, inclusive. */
  static Range<Long> atMost(long max) {
    return Range.from(Boundary.unbounded(), Boundary.including(max));
  }

  /** Scores below {@code max}. */
  static Range<Long> below(long max) {
    return Range.from(Boundary.unbounded(), Boundary.excluding(max));
  }

  /** Scores at or above {@code min}. */
  static Range<Long> atLeast(long min) {
    return Range.from(Boundary.including(min), Boundary.unbounded());
  }

  /** Scores above {@code min}. */
  static Range<Long> above(long min) {
    return Range.from(Boundary.excluding(min), Boundary.unbounded());
  }

  static Limit first(int count) {
    return Limit.create(0, count);
  }
}
