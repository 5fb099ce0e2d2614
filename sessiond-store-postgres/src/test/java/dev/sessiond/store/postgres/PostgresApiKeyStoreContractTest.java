package dev.sessiond.store.postgres;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.ApiKeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API-key contract, each test on a fresh PostgreSQL schema. */
class PostgresApiKeyStoreContractTest extends ApiKeyStoreContract {
  @RegisterExtension final TestDatabase database = new TestDatabase();

  @Override
  protected SessionStore newStore() {
    return database.newStore();
  }
}
