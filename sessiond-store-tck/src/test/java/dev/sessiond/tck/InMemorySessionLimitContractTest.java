package dev.sessiond.tck;

import dev.sessiond.store.InMemorySessionStore;
import dev.sessiond.store.SessionStore;

/** The in-memory store runs the session-limit contract unchanged. */
class InMemorySessionLimitContractTest extends SessionLimitContract {
  @Override
  protected SessionStore newStore() {
    return new InMemorySessionStore();
  }
}
