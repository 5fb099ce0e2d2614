package dev.sessiond.store.sqlite;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.EventLogContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The event log contract, each test on a fresh SQLite file. */
class SqliteEventLogContractTest extends EventLogContract {
  @TempDir Path directory;
  private int files;

  @Override
  protected SessionStore newStore() {
    return SqliteSessionStore.open(directory.resolve("store-" + files++ + "/sessions.db"));
  }
}
