package dev.sessiond.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.store.SweepLease;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link SweepLease}: one holder at a time per name, renewable by its holder,
 * free again once it ends, atomic under contention. A store's test class extends this and
 * implements {@link #newStore()}.
 */
public abstract class SweepLeaseContract extends StoreAbilityContract<SweepLease> {
  protected SweepLeaseContract() {
    super(SweepLease.class);
  }

  private SweepLease leases() {
    return ability();
  }

  @Test
  void firstTakeSucceeds() {
    assertThat(leases().tryLease("sweep", "node-a", at(0), at(3))).isTrue();
  }

  @Test
  void anotherHolderIsRefusedWhileItRuns() {
    leases().tryLease("sweep", "node-a", at(0), at(3));

    assertThat(leases().tryLease("sweep", "node-b", at(1), at(4))).isFalse();
    assertThat(leases().tryLease("sweep", "node-b", at(2), at(5))).isFalse();
  }

  @Test
  void theHolderRenewsAndExtends() {
    leases().tryLease("sweep", "node-a", at(0), at(3));

    assertThat(leases().tryLease("sweep", "node-a", at(2), at(5))).isTrue();
    // Past the first until but inside the renewed one: still held by node-a.
    assertThat(leases().tryLease("sweep", "node-b", at(4), at(7))).isFalse();
  }

  @Test
  void anotherHolderTakesItOnceItEnds() {
    leases().tryLease("sweep", "node-a", at(0), at(3));

    assertThat(leases().tryLease("sweep", "node-b", at(3), at(6))).isTrue();
    assertThat(leases().tryLease("sweep", "node-a", at(4), at(7))).isFalse();
  }

  @Test
  void namesAreIndependent() {
    assertThat(leases().tryLease("sweep", "node-a", at(0), at(3))).isTrue();

    assertThat(leases().tryLease("other", "node-b", at(1), at(4))).isTrue();
    assertThat(leases().tryLease("sweep", "node-b", at(1), at(4))).isFalse();
    assertThat(leases().tryLease("other", "node-a", at(1), at(4))).isFalse();
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> leases().tryLease(null, "node-a", at(0), at(3)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> leases().tryLease("sweep", null, at(0), at(3)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> leases().tryLease("sweep", "node-a", null, at(3)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> leases().tryLease("sweep", "node-a", at(0), null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> leases().tryLease("sweep", "node-a", at(3), at(3)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentTakersAtOneInstantGetExactlyOneWinner() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String holder = "node-" + t;
        results.add(pool.submit(() -> {
          start.await();
          return leases().tryLease("sweep", holder, at(0), at(3));
        }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> result : results) {
        if (result.get(30, TimeUnit.SECONDS)) {
          winners++;
        }
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
