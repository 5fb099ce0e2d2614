package dev.sessiond.tck;

import dev.sessiond.store.InMemorySessionStore;
import dev.sessiond.store.SessionStore;

/** The in-memory store runs the sweep lease contract unchanged. */
class InMemorySweepLeaseContractTest extends SweepLeaseContract {
  @Override
  protected SessionStore newStore() {
    return new InMemorySessionStore();
  }
}
