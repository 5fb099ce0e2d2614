package dev.sessiond.store.sqlite;

import dev.sessiond.ClientType;
import dev.sessiond.SessionStatus;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link KillDurabilityTest}: opens the store in the file named by its
 * argument and, from several threads, opens sessions and revokes some of them. It prints {@code
 * open <id>} or {@code revoke <id>} to stdout only after the store call returned, one flushed line
 * per acknowledged write. It stops by itself after a bounded number of writes, or when its stdin
 * closes (the parent is gone).
 */
public final class StoreWriterProcess {
  static final int THREADS = 4;
  static final int WRITES_PER_THREAD = 25_000;
  private static final Instant BASE = Instant.parse("2030-01-01T00:00:00Z");
  private static final PrintStream OUT = System.out;

  private StoreWriterProcess() {}

  public static void main(String[] args) throws Exception {
    Thread watchdog = new Thread(StoreWriterProcess::haltWhenStdinCloses, "stdin-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    AtomicLong sequence = new AtomicLong();
    try (SqliteSessionStore store = SqliteSessionStore.open(Path.of(args[0]))) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Thread thread = new Thread(() -> write(store, sequence), "writer-" + t);
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  private static void write(SqliteSessionStore store, AtomicLong sequence) {
    SecureRandom random = new SecureRandom();
    String previous = null;
    for (int i = 0; i < WRITES_PER_THREAD; i++) {
      SessionRecord record = record(random, sequence.incrementAndGet());
      store.insert(record);
      acknowledge("open " + record.id());
      if (i % 3 == 2 && previous != null) {
        Ending ending = new Ending(record.loginAt(), "kill_test", "test");
        if (store.revoke(previous, ending)) {
          acknowledge("revoke " + previous);
        }
      }
      previous = record.id();
    }
  }

  private static SessionRecord record(SecureRandom random, long n) {
    byte[] id = new byte[32];
    random.nextBytes(id);
    Instant loginAt = BASE.plusMillis(n);
    return new SessionRecord(HexFormat.of().formatHex(id), "t-kill", "u" + (n % 50), "user" + n,
        List.of("user"), ClientType.WEB, "", "10.0.0." + (n % 250), "", "", "",
        Map.of("n", Long.toString(n)), loginAt, loginAt, loginAt.plus(Duration.ofMinutes(30)),
        loginAt.plus(Duration.ofHours(12)), Duration.ofMinutes(30), SessionStatus.ACTIVE, null);
  }

  private static void acknowledge(String line) {
    synchronized (OUT) {
      OUT.println(line);
      OUT.flush();
    }
  }

  private static void haltWhenStdinCloses() {
    try {
      while (System.in.read() != -1) {
        // The parent never writes; EOF means it is gone.
      }
    } catch (IOException e) {
      // Treat a broken stdin like a closed one.
    }
    Runtime.getRuntime().halt(3);
  }
}
