package dev.sessiond.tck;

import dev.sessiond.store.InMemorySessionStore;
import dev.sessiond.store.SessionStore;

/** The in-memory store runs the support-grant contract unchanged. */
class InMemorySupportGrantStoreContractTest extends SupportGrantStoreContract {
  @Override
  protected SessionStore newStore() {
    return new InMemorySessionStore();
  }
}
