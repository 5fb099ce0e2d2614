package dev.sessiond.store.postgres;

import static dev.sessiond.tck.TestRecords.openedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.SessionRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Opening, reopening and closing a store, its schema, and how failures of PostgreSQL reach the
 * caller: as {@link ErrorCode#UNAVAILABLE}, without the URL or the password.
 */
class StoreLifecycleTest {
  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

  @RegisterExtension final TestDatabase database = new TestDatabase();

  @Test
  void anUnreachableDatabaseIsUnavailableAndTheMessagesHoldNoPassword() {
    PostgresConfig config =
        PostgresConfig.fromUrl("postgres://app:hunter2-secret@127.0.0.1:1/test?connect-timeout=1s");

    assertThatThrownBy(() -> PostgresSessionStore.open(config))
        .isInstanceOfSatisfying(SessiondException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
          assertThat(e.getMessage()).isEqualTo("the session store's database is not reachable");
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("hunter2");
          }
        });
  }

  @Test
  void theSchemaIsCreatedMigratedOnceAndKeptAcrossReopens() throws Exception {
    String schema = database.newSchema();
    SessionRecord s = openedAt(T0).build();
    try (PostgresSessionStore first = database.open(schema)) {
      first.insert(s);
    }

    try (PostgresSessionStore again = database.open(schema)) {
      assertThat(again.find(s.id())).contains(s);
    }
    assertThat(scalar("SELECT count(*) FROM " + schema + ".flyway_schema_history"
        + " WHERE success AND version IS NOT NULL")).isEqualTo(3);
  }

  @Test
  void schemasAreWalls() {
    PostgresSessionStore a = database.newStore();
    PostgresSessionStore b = database.newStore();
    SessionRecord s = openedAt(T0).build();

    a.insert(s);

    assertThat(a.find(s.id())).isPresent();
    assertThat(b.find(s.id())).isEmpty();
  }

  @Test
  void aClosedStoreIsUnavailable() {
    PostgresSessionStore store = database.newStore();
    store.close();
    store.close();

    assertThatThrownBy(() -> store.find("x"))
        .isInstanceOfSatisfying(SessiondException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessage("the session store is closed");
  }

  @Test
  void noFreeConnectionWithinTheTimeoutIsUnavailable() throws Exception {
    String schema = database.newSchema();
    database.open(schema).close();
    PostgresConfig base = PostgresConfig.fromUrl(TestDatabase.URL);
    PostgresSessionStore store = PostgresSessionStore.open(new PostgresConfig(base.jdbcUrl(),
        base.user(), base.password(), schema, 1, Duration.ofMillis(250)));
    try (Connection blocker = TestDatabase.connect(); Statement lock = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      lock.execute("LOCK TABLE " + schema + ".sessions IN ACCESS EXCLUSIVE MODE");
      // Holds the only pooled connection until the lock goes.
      CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(
          () -> store.search(new SessionQuery("t1", null, null, null, null,
              null, null, 10), T0).size());
      List<Throwable> failures = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (failures.isEmpty() && System.nanoTime() < deadline) {
        try {
          store.watermarks();
        } catch (SessiondException e) {
          failures.add(e);
        }
      }
      blocker.rollback();

      assertThat(failures).singleElement().isInstanceOfSatisfying(SessiondException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
      assertThat(waiting.get(10, TimeUnit.SECONDS)).isZero();
    } finally {
      store.close();
    }
  }

  @Test
  void aValuePostgresCannotHoldIsAnIllegalArgument() {
    PostgresSessionStore store = database.newStore();

    assertThatThrownBy(() -> store.blacklist(new BlacklistEntry("t1", "nul\u0000name", T0,
        T0.plusSeconds(60)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("nul");
    assertThat(store.blacklistEntries(T0)).isEmpty();
  }

  private static long scalar(String sql) throws Exception {
    try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
