package dev.sessiond.tck;

import dev.sessiond.store.InMemorySessionStore;
import dev.sessiond.store.SessionStore;

/** The in-memory store runs the API-key contract unchanged. */
class InMemoryApiKeyStoreContractTest extends ApiKeyStoreContract {
  @Override
  protected SessionStore newStore() {
    return new InMemorySessionStore();
  }
}
