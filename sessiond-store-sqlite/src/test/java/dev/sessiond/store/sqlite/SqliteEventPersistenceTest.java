package dev.sessiond.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.Event;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.tck.TestRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event feed lives in the file: a store opened on it again reads the same events at the same
 * positions, keeps the purge mark, and goes on with higher positions, even after everything was
 * purged.
 */
class SqliteEventPersistenceTest {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123Z");

  @TempDir Path directory;

  @Test
  void eventsAndPositionsSurviveCloseAndReopen() {
    Path file = directory.resolve("events.db");
    SessionRecord session = TestRecords.openedAt(T0).tenant("acme").user("u-1").build();
    List<Event> written;
    try (SqliteSessionStore store = SqliteSessionStore.open(file)) {
      store.insert(session);
      store.revoke(session.id(), new Ending(T0.plusSeconds(5), "logout", "user:u-1"));
      store.blacklist(new BlacklistEntry("acme", "jti-Ω", T0.plusSeconds(6), T0.plusSeconds(600)));
      written = store.eventsAfter(0, 100);
      assertThat(written).hasSize(3);
    }

    try (SqliteSessionStore reopened = SqliteSessionStore.open(file)) {
      assertThat(reopened.eventsAfter(0, 100)).isEqualTo(written);
      assertThat(reopened.lastEventSeq()).isEqualTo(written.get(2).seq());
      SessionRecord next = TestRecords.openedAt(T0.plusSeconds(7)).build();
      reopened.insert(next);
      List<Event> after = reopened.eventsAfter(written.get(2).seq(), 100);
      assertThat(after).containsExactly(Event.sessionCreated(next).withSeq(after.get(0).seq()));
      assertThat(after.get(0).seq()).isGreaterThan(written.get(2).seq());
    }
  }

  @Test
  void thePurgeMarkAndTheLastPositionSurviveAPurgeOfEverything() {
    Path file = directory.resolve("purged.db");
    long last;
    try (SqliteSessionStore store = SqliteSessionStore.open(file)) {
      store.insert(TestRecords.openedAt(T0).build());
      store.insert(TestRecords.openedAt(T0.plusSeconds(1)).build());
      last = store.lastEventSeq();
      assertThat(store.purgeEventsBefore(T0.plus(Duration.ofDays(1)), 100)).isEqualTo(2);
    }

    try (SqliteSessionStore reopened = SqliteSessionStore.open(file)) {
      assertThat(reopened.eventsAfter(0, 100)).isEmpty();
      assertThat(reopened.purgedThrough()).isEqualTo(last);
      assertThat(reopened.lastEventSeq()).isEqualTo(last);
      reopened.insert(TestRecords.openedAt(T0.plusSeconds(2)).build());
      assertThat(reopened.eventsAfter(0, 100)).singleElement()
          .extracting(Event::seq).isEqualTo(reopened.lastEventSeq());
      assertThat(reopened.lastEventSeq()).isGreaterThan(last);
    }
  }
}
