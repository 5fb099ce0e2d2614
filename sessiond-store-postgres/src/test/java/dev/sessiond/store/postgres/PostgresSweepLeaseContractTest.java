package dev.sessiond.store.postgres;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SweepLeaseContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sweep lease contract, each test on a fresh PostgreSQL schema. */
class PostgresSweepLeaseContractTest extends SweepLeaseContract {
  @RegisterExtension final TestDatabase database = new TestDatabase();

  @Override
  protected SessionStore newStore() {
    return database.newStore();
  }
}
