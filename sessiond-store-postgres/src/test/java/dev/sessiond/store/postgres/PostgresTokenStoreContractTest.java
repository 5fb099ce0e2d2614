package dev.sessiond.store.postgres;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.TokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token contract, each test on a fresh PostgreSQL schema. */
class PostgresTokenStoreContractTest extends TokenStoreContract {
  @RegisterExtension final TestDatabase database = new TestDatabase();

  @Override
  protected SessionStore newStore() {
    return database.newStore();
  }
}
