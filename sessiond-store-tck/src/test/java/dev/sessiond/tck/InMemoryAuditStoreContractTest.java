package dev.sessiond.tck;

import dev.sessiond.store.InMemorySessionStore;
import dev.sessiond.store.SessionStore;

/** The in-memory store runs the audit contract unchanged. */
class InMemoryAuditStoreContractTest extends AuditStoreContract {
  @Override
  protected SessionStore newStore() {
    return new InMemorySessionStore();
  }
}
