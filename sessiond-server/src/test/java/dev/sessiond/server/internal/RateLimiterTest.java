package dev.sessiond.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.ManualClock;
import dev.sessiond.server.RateLimits;
import dev.sessiond.server.RateLimits.Operation;
import dev.sessiond.server.RateLimits.Rate;
import dev.sessiond.server.RateLimits.Scope;
import dev.sessiond.server.internal.RateLimiter.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Token buckets per operation, scope and subject, driven by a manual clock. */
class RateLimiterTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));

  @Test
  void aBurstIsAllowedThenCallsAreDeniedUntilThePermitIsDue() {
    RateLimiter limiter = limiter(RateLimits.none()
        .with(Operation.OPEN, Scope.KEY, Rate.perSecond(2, 3)));

    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:a", "10.0.0.1")).as("call " + i)
          .isSameAs(Decision.ALLOWED);
    }
    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:a", "10.0.0.1"))
        .isEqualTo(new Decision(Scope.KEY, Duration.ofMillis(500)));

    clock.advance(Duration.ofMillis(499));
    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:a", null))
        .isEqualTo(new Decision(Scope.KEY, Duration.ofMillis(1)));
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:a", null).allowed()).isTrue();
    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:a", null))
        .isEqualTo(new Decision(Scope.KEY, Duration.ofMillis(500)));
  }

  @Test
  void bucketsRefillAtTheRateAndNeverBeyondTheBurst() {
    RateLimiter limiter = limiter(RateLimits.none()
        .with(Operation.REFRESH, Scope.IP, Rate.perSecond(1, 2)));
    assertThat(allowedOf(limiter, Operation.REFRESH, null, "10.0.0.1", 10)).isEqualTo(2);

    clock.advance(Duration.ofSeconds(1));
    assertThat(allowedOf(limiter, Operation.REFRESH, null, "10.0.0.1", 10))
        .as("one second refills one permit, not the whole burst").isEqualTo(1);

    clock.advance(Duration.ofHours(1));
    assertThat(allowedOf(limiter, Operation.REFRESH, null, "10.0.0.1", 10))
        .as("a quiet hour refills the burst and no more").isEqualTo(2);
  }

  @Test
  void aFractionalRateSpacesCallsOut() {
    RateLimiter limiter = limiter(RateLimits.none()
        .with(Operation.INTROSPECT, Scope.KEY, Rate.perSecond(0.5)));
    assertThat(limiter.tryAcquire(Operation.INTROSPECT, "api_key:a", null).allowed()).isTrue();
    assertThat(limiter.tryAcquire(Operation.INTROSPECT, "api_key:a", null))
        .isEqualTo(new Decision(Scope.KEY, Duration.ofSeconds(2)));
    clock.advance(Duration.ofSeconds(2));
    assertThat(limiter.tryAcquire(Operation.INTROSPECT, "api_key:a", null).allowed()).isTrue();
  }

  @Test
  void subjectsScopesAndOperationsHaveTheirOwnBuckets() {
    RateLimiter limiter = limiter(RateLimits.none()
        .with(Operation.OPEN, Scope.KEY, Rate.perSecond(1, 1))
        .with(Operation.OPEN, Scope.IP, Rate.perSecond(1, 1))
        .with(Operation.REFRESH, Scope.KEY, Rate.perSecond(1, 1)));

    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:a", "10.0.0.1").allowed()).isTrue();
    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:b", "10.0.0.2").allowed())
        .as("another key from another address").isTrue();
    assertThat(limiter.tryAcquire(Operation.REFRESH, "api_key:a", "10.0.0.1").allowed())
        .as("another operation").isTrue();
    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:a", "10.0.0.3").limitedBy())
        .isEqualTo(Scope.KEY);
    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:c", "10.0.0.1").limitedBy())
        .isEqualTo(Scope.IP);
    assertThat(limiter.tryAcquire(Operation.OPEN, "10.0.0.1", "api_key:a").allowed())
        .as("a key's name and an address's do not share a bucket").isTrue();
  }

  @Test
  void aDeniedCallTakesNothingFromTheOtherBucket() {
    RateLimiter limiter = limiter(RateLimits.none()
        .with(Operation.OPEN, Scope.KEY, Rate.perSecond(1, 1))
        .with(Operation.OPEN, Scope.IP, Rate.perSecond(1, 2)));

    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:a", "10.0.0.1").allowed()).isTrue();
    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:a", "10.0.0.1").limitedBy())
        .isEqualTo(Scope.KEY);
    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:b", "10.0.0.1").allowed())
        .as("the address kept the permit the key's denial did not use").isTrue();

    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:c", "10.0.0.1").limitedBy())
        .isEqualTo(Scope.IP);
    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:c", "10.0.0.2").allowed())
        .as("the key kept the permit the address's denial did not use").isTrue();
  }

  @Test
  void whenBothDenyTheOneThatFreesUpLastAnswers() {
    RateLimiter limiter = limiter(RateLimits.none()
        .with(Operation.OPEN, Scope.KEY, Rate.perSecond(1, 1))
        .with(Operation.OPEN, Scope.IP, Rate.perSecond(0.25, 1)));
    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:a", "10.0.0.1").allowed()).isTrue();
    assertThat(limiter.tryAcquire(Operation.OPEN, "api_key:a", "10.0.0.1"))
        .isEqualTo(new Decision(Scope.IP, Duration.ofSeconds(4)));
  }

  @Test
  void unlimitedOperationsAndMissingSubjectsAreNeverDenied() {
    RateLimiter none = limiter(RateLimits.none());
    RateLimiter openByKey = limiter(RateLimits.none()
        .with(Operation.OPEN, Scope.KEY, Rate.perSecond(1, 1)));
    for (Operation operation : Operation.values()) {
      assertThat(allowedOf(none, operation, "api_key:a", "10.0.0.1", 10_000)).isEqualTo(10_000);
    }
    assertThat(allowedOf(openByKey, Operation.REFRESH, "api_key:a", "10.0.0.1", 10_000))
        .isEqualTo(10_000);
    assertThat(allowedOf(openByKey, Operation.OPEN, null, "10.0.0.1", 10_000))
        .as("no caller: the key limit is skipped, and there is no address limit")
        .isEqualTo(10_000);
    assertThat(openByKey.limits(Operation.OPEN, Scope.KEY)).isTrue();
    assertThat(openByKey.limits(Operation.OPEN, Scope.IP)).isFalse();
    assertThat(openByKey.limits(Operation.REFRESH, Scope.KEY)).isFalse();
  }

  @Test
  void eightThreadsAtAFrozenClockGetExactlyTheBurst() throws Exception {
    int burst = 100;
    RateLimiter limiter = limiter(RateLimits.none()
        .with(Operation.INTROSPECT, Scope.KEY, Rate.perSecond(1, burst))
        .with(Operation.INTROSPECT, Scope.IP, Rate.perSecond(1, RateLimits.Rate.MAX_BURST)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> granted = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String address = "10.0.0." + t;
        granted.add(pool.submit(() -> {
          start.await();
          return allowedOf(limiter, Operation.INTROSPECT, "api_key:shared", address, 1_000);
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : granted) {
        total += f.get(1, TimeUnit.MINUTES);
      }
      assertThat(total).isEqualTo(burst);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> new RateLimiter(RateLimits.none(), clock, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new RateLimiter(null, clock)).isInstanceOf(NullPointerException.class);
  }

  private RateLimiter limiter(RateLimits limits) {
    return new RateLimiter(limits, clock);
  }

  private static int allowedOf(RateLimiter limiter, Operation operation, String key, String ip,
      int calls) {
    int allowed = 0;
    for (int i = 0; i < calls; i++) {
      if (limiter.tryAcquire(operation, key, ip).allowed()) {
        allowed++;
      }
    }
    return allowed;
  }
}
