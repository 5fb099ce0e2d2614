package dev.sessiond;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.store.InMemorySessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two engines sharing one store: the sweep runs on one of them at a time. */
class SweepLeaseTest {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final InMemorySessionStore store = new InMemorySessionStore();
  private final SessionEngine first = engine();
  private final SessionEngine second = engine();

  private SessionEngine engine() {
    return SessionEngine.builder().store(store).clock(clock)
        .tokens(TokenSettings.defaults(new byte[32])).build();
  }

  private String open(String user) {
    return first.core().open(new OpenRequest("acme", user, user, List.of("user"),
        ClientType.WEB, null, "10.0.0.1", null, null)).session().id();
  }

  private SessionStatus stored(String id) {
    return store.find(id).orElseThrow().status();
  }

  @Test
  void oneEngineSweepsWhileItHoldsTheLeaseThenAnotherTakesOver() {
    String early = open("u1");
    clock.advance(Duration.ofMinutes(2));
    String late = open("u2");

    // Idle 30 min: at T0+31 only the early session is due. The first sweep takes the lease
    // until T0+34 (3 minutes by default).
    clock.set(T0.plus(Duration.ofMinutes(31)));
    assertThat(first.sweep()).isEqualTo(new SweepResult(1, 0));
    assertThat(stored(early)).isEqualTo(SessionStatus.EXPIRED);

    // The late session is due now, but the lease is the first engine's: the second does nothing.
    clock.set(T0.plus(Duration.ofMinutes(33)));
    assertThat(second.sweep()).isEqualTo(new SweepResult(0, 0));
    assertThat(stored(late)).isEqualTo(SessionStatus.ACTIVE);

    // Once the lease has ended, the second engine takes it and sweeps; now the first is refused.
    clock.set(T0.plus(Duration.ofMinutes(34)));
    assertThat(second.sweep()).isEqualTo(new SweepResult(1, 0));
    assertThat(stored(late)).isEqualTo(SessionStatus.EXPIRED);
    assertThat(first.sweep()).isEqualTo(new SweepResult(0, 0));
  }

  @Test
  void theHolderRenewsItsLeaseAtEverySweep() {
    open("u1");
    clock.advance(Duration.ofMinutes(2));
    String late = open("u2");

    // Taken at T0+29 until T0+32, renewed at T0+31 until T0+34.
    clock.set(T0.plus(Duration.ofMinutes(29)));
    assertThat(first.sweep()).isEqualTo(new SweepResult(0, 0));
    clock.set(T0.plus(Duration.ofMinutes(31)));
    assertThat(first.sweep()).isEqualTo(new SweepResult(1, 0));

    // Past the first lease's end, inside the renewed one: the second engine is still refused.
    clock.set(T0.plus(Duration.ofMinutes(33)));
    assertThat(second.sweep()).isEqualTo(new SweepResult(0, 0));
    assertThat(stored(late)).isEqualTo(SessionStatus.ACTIVE);
  }
}
