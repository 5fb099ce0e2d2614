package dev.sessiond.tck;

import dev.sessiond.store.InMemorySessionStore;
import dev.sessiond.store.SessionStore;

/** The in-memory store runs the event log contract unchanged. */
class InMemoryEventLogContractTest extends EventLogContract {
  @Override
  protected SessionStore newStore() {
    return new InMemorySessionStore();
  }
}
