package dev.sessiond.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.SessionStatus;
import dev.sessiond.store.SessionRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write the store acknowledged survives SIGKILL: a child JVM writes from several threads and
 * reports each acknowledged write; it is killed mid-flight, and a fresh store on the same file must
 * hold every reported open and show every reported revoke.
 */
class KillDurabilityTest {
  private static final Pattern ACK = Pattern.compile("(open|revoke) ([0-9a-f]{64})");
  private static final int ACKS_BEFORE_KILL = 3000;
  private static final int REVOKES_BEFORE_KILL = 300;

  @TempDir Path directory;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
    Path file = directory.resolve("data/sessions.db");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process child = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        StoreWriterProcess.class.getName(), file.toString())
        .redirectError(directory.resolve("child-stderr.txt").toFile())
        .start();
    Set<String> opened = new HashSet<>();
    Set<String> revoked = new HashSet<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((opened.size() + revoked.size() < ACKS_BEFORE_KILL
          || revoked.size() < REVOKES_BEFORE_KILL) && (line = out.readLine()) != null) {
        record(line, opened, revoked);
      }
      assertThat(child.isAlive()).as("the child is still writing when killed").isTrue();
      // SIGKILL while the child's threads are mid-write. Process.destroyForcibly() sends the same
      // signal but also closes our end of the child's stdout; signalling through the handle keeps
      // the pipe open, so every acknowledgement printed before the kill is read and checked,
      // including the freshest ones, whose writes were the last to commit.
      child.toHandle().destroyForcibly();
      while ((line = out.readLine()) != null) {
        record(line, opened, revoked);
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    assertThat(child.exitValue()).as("killed, not finished").isNotZero();
    assertThat(opened.size() + revoked.size()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    assertThat(revoked).hasSizeGreaterThanOrEqualTo(REVOKES_BEFORE_KILL);

    try (SqliteSessionStore reopened = SqliteSessionStore.open(file)) {
      Map<String, SessionRecord> found = reopened.findAll(opened).stream()
          .collect(Collectors.toMap(SessionRecord::id, Function.identity()));
      assertThat(found.keySet()).as("acknowledged opens").containsExactlyInAnyOrderElementsOf(opened);
      List<String> notRevoked = revoked.stream()
          .filter(id -> found.get(id).status() != SessionStatus.REVOKED)
          .toList();
      assertThat(notRevoked).as("acknowledged revokes not stored as revoked").isEmpty();
    }
  }

  private static void record(String line, Set<String> opened, Set<String> revoked) {
    Matcher ack = ACK.matcher(line);
    if (!ack.matches()) {
      return; // A line cut by the kill carries no complete acknowledgement.
    }
    (ack.group(1).equals("open") ? opened : revoked).add(ack.group(2));
  }
}
