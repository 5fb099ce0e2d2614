package dev.sessiond.store.postgres;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.AuditStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit contract, each test on a fresh PostgreSQL schema. */
class PostgresAuditStoreContractTest extends AuditStoreContract {
  @RegisterExtension final TestDatabase database = new TestDatabase();

  @Override
  protected SessionStore newStore() {
    return database.newStore();
  }
}
