package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.server.ApiClient.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server, as a separate JVM, is killed with SIGKILL in the middle of a write load over
 * HTTP, on the embedded SQLite store, the machine's PostgreSQL and its Redis (the node dies, not
 * the backend). A server started afterwards
 * on the same store has every session whose open was answered 201, every revoke that was answered
 * 200 is still revoked, and no session that was never sent a revoke has ended.
 */
class ServerKillTest {
  private static final int WRITERS = 8;
  private static final int ACKS_BEFORE_KILL = 1_500;

  @TempDir
  Path dataDir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "redis"})
  void everyAcknowledgedOpenAndRevokeSurvivesKillMinus9(String backend) throws Exception {
    TestStores.on(backend, "kill", dataDir, this::killAndRestart);
  }

  private void killAndRestart(String storeUrl) throws Exception {
    ServerProcess child = ServerProcess.start(dataDir, storeUrl);
    Set<String> opened = ConcurrentHashMap.newKeySet();
    Set<String> revoked = ConcurrentHashMap.newKeySet();
    Set<String> revokeSent = ConcurrentHashMap.newKeySet();
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try {
      ApiClient api = child.api();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch enoughAcks = new CountDownLatch(1);
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.submit(() -> write(api, writer, opened, revoked, revokeSent, stop, enoughAcks));
      }
      // Writers stop by themselves after 20,000 writes each at the most, so this wait is bounded.
      enoughAcks.await(120, TimeUnit.SECONDS);
      child.kill();
      stop.set(true);
    } finally {
      writers.shutdown();
      assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      child.kill();
    }
    assertThat(opened.size() + revoked.size()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    assertThat(revoked).isNotEmpty();

    ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
        .storeUrl(storeUrl).build();
    try (SessiondServer restarted = SessiondServer.start(config)) {
      ApiClient api = ApiClient.of(restarted);
      List<String> all = new ArrayList<>(opened);
      for (int from = 0; from < all.size(); from += 100) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + 100));
        for (String id : chunk) {
          Reply reply = api.get("/v1/sessions/" + id);
          assertThat(reply.status()).as("acknowledged session %s", id).isEqualTo(200);
          String status = reply.json().get("status").asText();
          if (revoked.contains(id)) {
            assertThat(status).as("acknowledged revoke of %s", id).isEqualTo("revoked");
          } else if (!revokeSent.contains(id)) {
            assertThat(status).as("status of %s", id).isEqualTo("active");
          } // else a revoke was sent but never answered: it may or may not have landed.
        }
      }
    }
  }

  private static void write(ApiClient api, int writer, Set<String> opened, Set<String> revoked,
      Set<String> revokeSent, AtomicBoolean stop, CountDownLatch enoughAcks) {
    for (int i = 0; i < 20_000 && !stop.get(); i++) {
      if (opened.size() + revoked.size() >= ACKS_BEFORE_KILL) {
        enoughAcks.countDown(); // Keep writing: the kill must land while writes are in flight.
      }
      try {
        Reply open = api.post("/v1/sessions",
            "{\"tenantId\":\"kill\",\"userId\":\"w" + writer + "\",\"username\":\"writer" + writer + "\"}");
        if (open.status() != 201) {
          continue;
        }
        String id = open.json().get("session").get("id").asText();
        opened.add(id);
        if (i % 4 == 0) {
          revokeSent.add(id);
          Reply revoke = api.post("/v1/sessions/" + id + "/revoke", "{\"reason\":\"kill_test\"}");
          JsonNode body = revoke.status() == 200 ? revoke.json() : null;
          if (body != null && "revoked".equals(body.get("status").asText())) {
            revoked.add(id);
          }
        }
      } catch (RuntimeException e) {
        return; // The server is gone: what was acknowledged so far is what counts.
      }
    }
  }
}
