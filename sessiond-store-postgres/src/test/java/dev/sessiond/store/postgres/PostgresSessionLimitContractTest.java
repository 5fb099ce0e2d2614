package dev.sessiond.store.postgres;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SessionLimitContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session-limit contract, each test on a fresh PostgreSQL schema. */
class PostgresSessionLimitContractTest extends SessionLimitContract {
  @RegisterExtension final TestDatabase database = new TestDatabase();

  @Override
  protected SessionStore newStore() {
    return database.newStore();
  }
}
