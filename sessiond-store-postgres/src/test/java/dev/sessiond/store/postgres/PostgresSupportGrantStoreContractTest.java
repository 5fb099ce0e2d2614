package dev.sessiond.store.postgres;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SupportGrantStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The support-grant contract, each test on a fresh PostgreSQL schema. */
class PostgresSupportGrantStoreContractTest extends SupportGrantStoreContract {
  @RegisterExtension final TestDatabase database = new TestDatabase();

  @Override
  protected SessionStore newStore() {
    return database.newStore();
  }
}
