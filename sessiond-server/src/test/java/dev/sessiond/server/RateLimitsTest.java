package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.server.RateLimits.Operation;
import dev.sessiond.server.RateLimits.Rate;
import dev.sessiond.server.RateLimits.Scope;
import org.junit.jupiter.api.Test;

/** The rate-limit configuration: immutable, validated, unlimited by default. */
class RateLimitsTest {
  @Test
  void noneLimitsNothing() {
    RateLimits none = RateLimits.none();
    assertThat(none.isNone()).isTrue();
    for (Operation operation : Operation.values()) {
      assertThat(none.limits(operation)).isFalse();
      for (Scope scope : Scope.values()) {
        assertThat(none.limit(operation, scope)).isEmpty();
      }
    }
    assertThat(none).hasToString("RateLimits[none]");
    assertThat(ServerConfig.builder().build().rateLimits()).isSameAs(none);
  }

  @Test
  void withAnswersACopy() {
    RateLimits none = RateLimits.none();
    RateLimits one = none.with(Operation.OPEN, Scope.IP, Rate.perSecond(20, 40));
    RateLimits replaced = one.with(Operation.OPEN, Scope.IP, Rate.perSecond(5));
    assertThat(none.isNone()).isTrue();
    assertThat(one.limit(Operation.OPEN, Scope.IP)).contains(new Rate(20, 40));
    assertThat(one.limit(Operation.OPEN, Scope.KEY)).isEmpty();
    assertThat(one.limits(Operation.OPEN)).isTrue();
    assertThat(one.limits(Operation.REFRESH)).isFalse();
    assertThat(replaced.limit(Operation.OPEN, Scope.IP)).contains(new Rate(5, 5));
    assertThat(one).isEqualTo(RateLimits.none().with(Operation.OPEN, Scope.IP, new Rate(20, 40)))
        .hasSameHashCodeAs(RateLimits.none().with(Operation.OPEN, Scope.IP, new Rate(20, 40)))
        .isNotEqualTo(replaced)
        .hasToString("RateLimits[open per IP: 20.0/s burst 40]");
    assertThatThrownBy(() -> none.with(Operation.OPEN, Scope.IP, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void theDefaultBurstIsOneSecondOfCallsRoundedUp() {
    assertThat(Rate.perSecond(0.5).burst()).isEqualTo(1);
    assertThat(Rate.perSecond(1).burst()).isEqualTo(1);
    assertThat(Rate.perSecond(2.1).burst()).isEqualTo(3);
    assertThat(Rate.perSecond(Rate.MAX_PER_SECOND).burst()).isEqualTo(Rate.MAX_BURST);
  }

  @Test
  void ratesAndBurstsAreChecked() {
    assertThat(Rate.perSecond(1.0 / 3600, 1).permitsPerSecond()).isEqualTo(Rate.MIN_PER_SECOND);
    assertThat(Rate.perSecond(1_000_000, 1_000_000).burst()).isEqualTo(1_000_000);
    for (double rate : new double[] {0, -1, 1.0 / 3601, Double.NaN, Double.NEGATIVE_INFINITY}) {
      assertThatThrownBy(() -> Rate.perSecond(rate, 1)).as("rate " + rate)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a rate must be at least one call an hour");
    }
    for (double rate : new double[] {1_000_000.5, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> Rate.perSecond(rate)).as("rate " + rate)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a rate must be at most 1000000 calls a second");
    }
    for (int burst : new int[] {0, -1, 1_000_001}) {
      assertThatThrownBy(() -> Rate.perSecond(1, burst)).as("burst " + burst)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a burst must be from 1 to 1000000 calls, got " + burst);
    }
  }
}
