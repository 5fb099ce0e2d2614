package dev.sessiond.store.sqlite;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SessionLimitContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store runs the session-limit contract unchanged, on a fresh file per test. */
class SqliteSessionLimitContractTest extends SessionLimitContract {
  @TempDir
  Path dir;

  @Override
  protected SessionStore newStore() throws Exception {
    return SqliteSessionStore.open(Files.createTempDirectory(dir, "limit-").resolve("sessiond.db"));
  }
}
