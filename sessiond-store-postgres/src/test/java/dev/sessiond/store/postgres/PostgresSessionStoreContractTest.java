package dev.sessiond.store.postgres;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract, each test on a fresh PostgreSQL schema. */
class PostgresSessionStoreContractTest extends SessionStoreContract {
  @RegisterExtension final TestDatabase database = new TestDatabase();

  @Override
  protected SessionStore newStore() {
    return database.newStore();
  }
}
