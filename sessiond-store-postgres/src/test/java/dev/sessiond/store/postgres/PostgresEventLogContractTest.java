package dev.sessiond.store.postgres;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.EventLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The event feed contract, each test on a fresh PostgreSQL schema. */
class PostgresEventLogContractTest extends EventLogContract {
  @RegisterExtension final TestDatabase database = new TestDatabase();

  @Override
  protected SessionStore newStore() {
    return database.newStore();
  }
}
