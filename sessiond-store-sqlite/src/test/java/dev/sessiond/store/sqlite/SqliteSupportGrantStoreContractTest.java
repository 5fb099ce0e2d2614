package dev.sessiond.store.sqlite;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SupportGrantStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The support-grant contract, each test on a fresh SQLite file. */
class SqliteSupportGrantStoreContractTest extends SupportGrantStoreContract {
  @TempDir Path directory;
  private int files;

  @Override
  protected SessionStore newStore() {
    return SqliteSessionStore.open(directory.resolve("store-" + files++ + "/sessions.db"));
  }
}
