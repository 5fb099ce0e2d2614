package dev.sessiond.store.postgres;

import dev.sessiond.tck.TwoNodeContract;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two stores, each with a pool of its own, on one schema of the machine's PostgreSQL. */
class PostgresTwoNodeContractTest extends TwoNodeContract<PostgresSessionStore> {
  @RegisterExtension final TestDatabase database = new TestDatabase();

  @Override
  protected List<PostgresSessionStore> openTwoNodes() {
    String schema = database.newSchema();
    return List.of(database.open(schema), database.open(schema));
  }
}
