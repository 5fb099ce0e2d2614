package dev.sessiond.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.store.SessionStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the contract of one extra store ability shares: a new store before every test, checked to
 * have the ability and closed after it, and fixed times. A store's test class extends a subclass
 * and implements {@link #newStore()}.
 *
 * @param <A> the ability, such as {@link dev.sessiond.store.AuditStore}
 */
public abstract class StoreAbilityContract<A> {
  /** A fixed point that all test times are relative to. */
  protected static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

  private final Class<A> ability;
  /** The store under test; a new one for every test. */
  protected SessionStore store;

  protected StoreAbilityContract(Class<A> ability) {
    this.ability = ability;
  }

  /** A new, empty store that also has the ability. Called before every test; closed after it. */
  protected abstract SessionStore newStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
    assertThat(store).isInstanceOf(ability);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /** The store under test, as the ability. */
  protected A ability() {
    return ability.cast(store);
  }

  /** Minutes after {@link #T0}. */
  protected static Instant at(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }
}
