package dev.sessiond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.Verification.Outcome;
import dev.sessiond.internal.RefreshSecrets;
import dev.sessiond.store.InMemorySessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many threads refresh with the same token at the same instant (the clock does not move, so every
 * retry is inside the grace window). All succeed, the family ends with exactly one head, and a use
 * of the original token after the window revokes the session. Driven by the clock, no sleeping.
 */
class RefreshRaceTest {
  private static final int THREADS = 16;

  @Test
  void oneChainSurvivesRetriesWithinGraceSucceedAndLateReuseRevokes() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));
    InMemorySessionStore store = new InMemorySessionStore();
    SessionEngine engine = SessionEngine.builder().store(store).clock(clock)
        .tokens(TokenSettings.defaults(new byte[32]).withRefreshGrace(Duration.ofSeconds(30)))
        .build();
    OpenedSession opened = engine.core().open(OpenRequest.of("acme", "u1"));
    String original = opened.tokens().refreshToken();

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<OpenedSession> results = new ArrayList<>();
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<OpenedSession>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        Callable<OpenedSession> refresh = () -> {
          start.await();
          return engine.refresh(original);
        };
        futures.add(pool.submit(refresh));
      }
      start.countDown();
      for (Future<OpenedSession> future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    String head = store.currentRefreshToken(opened.session().id()).orElseThrow().hash();
    assertThat(results).hasSize(THREADS);
    assertThat(results).extracting(r -> r.tokens().refreshToken()).doesNotHaveDuplicates();
    assertThat(results).filteredOn(r -> RefreshSecrets.hash(r.tokens().refreshToken()).equals(head))
        .as("exactly one returned token is the family's head").hasSize(1);
    assertThat(results).allSatisfy(r ->
        assertThat(engine.verify(r.tokens().accessToken()).outcome()).isEqualTo(Outcome.ACTIVE));

    clock.advance(Duration.ofSeconds(31));
    assertThatThrownBy(() -> engine.refresh(original))
        .isInstanceOfSatisfying(SessiondException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED));
    assertThat(engine.core().get(opened.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.REVOKED);
    assertThat(results).allSatisfy(r ->
        assertThat(engine.verify(r.tokens().accessToken()).outcome()).isEqualTo(Outcome.REVOKED));
  }
}
