package dev.sessiond.tck;

import dev.sessiond.store.InMemorySessionStore;
import dev.sessiond.store.SessionStore;

/** The in-memory store runs the contract suite unchanged. */
class InMemorySessionStoreContractTest extends SessionStoreContract {
  @Override
  protected SessionStore newStore() {
    return new InMemorySessionStore();
  }
}
