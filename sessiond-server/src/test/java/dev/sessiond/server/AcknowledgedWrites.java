package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.server.ApiClient.Reply;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A write load over HTTP that remembers what the server acknowledged: writers open sessions and
 * revoke every fourth, each opened session answered 201 and each revoke answered 200 counted. For
 * tests that kill a node or restart its backend mid-load, then {@linkplain #verify check} that
 * nothing acknowledged was lost and nothing unasked changed.
 */
final class AcknowledgedWrites implements AutoCloseable {
  private static final int MAX_WRITES_PER_WRITER = 50_000;

  private final ApiClient api;
  private final String tenant;
  private final Set<String> opened = ConcurrentHashMap.newKeySet();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final Set<String> revokeSent = ConcurrentHashMap.newKeySet();
  private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ExecutorService writers;

  /** Starts {@code writers} writers against {@code api} in {@code tenant}. */
  AcknowledgedWrites(ApiClient api, String tenant, int writers) {
    this.api = api;
    this.tenant = tenant;
    this.writers = Executors.newFixedThreadPool(writers);
    for (int w = 0; w < writers; w++) {
      int writer = w;
      this.writers.submit(() -> write(writer));
    }
  }

  /** How many writes were acknowledged so far. */
  int acknowledged() {
    return opened.size() + revoked.size();
  }

  /** Waits until {@code count} writes in all were acknowledged; fails after two minutes. */
  void awaitAcknowledged(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (acknowledged() < count) {
      assertThat(System.nanoTime() - deadline).as("%d acknowledged writes", count).isNegative();
      Thread.sleep(10);
    }
  }

  /** The HTTP statuses the writers got, with how often. */
  Map<Integer, Integer> statuses() {
    return Map.copyOf(statuses);
  }

  /** Stops the writers and waits for them. */
  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    writers.shutdown();
    assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * Checks through {@code reader} that every acknowledged open is there, every acknowledged
   * revoke is revoked, and every session never sent a revoke is active.
   */
  void verify(ApiClient reader) {
    assertThat(revoked).as("some revokes were acknowledged").isNotEmpty();
    for (String id : new ArrayList<>(opened)) {
      Reply reply = reader.get("/v1/sessions/" + id);
      assertThat(reply.status()).as("acknowledged session %s", id).isEqualTo(200);
      String status = reply.json().get("status").asText();
      if (revoked.contains(id)) {
        assertThat(status).as("acknowledged revoke of %s", id).isEqualTo("revoked");
      } else if (!revokeSent.contains(id)) {
        assertThat(status).as("status of %s", id).isEqualTo("active");
      } // else a revoke was sent but never answered: it may or may not have landed.
    }
  }

  private void write(int writer) {
    for (int i = 0; i < MAX_WRITES_PER_WRITER && !stop.get(); i++) {
      try {
        Reply open = api.post("/v1/sessions", "{\"tenantId\":\"" + tenant + "\",\"userId\":\"w"
            + writer + "\",\"username\":\"writer" + writer + "\"}");
        statuses.merge(open.status(), 1, Integer::sum);
        if (open.status() != 201) {
          continue;
        }
        String id = open.json().get("session").get("id").asText();
        opened.add(id);
        if (i % 4 == 0) {
          revokeSent.add(id);
          Reply revoke = api.post("/v1/sessions/" + id + "/revoke", "{\"reason\":\"load\"}");
          statuses.merge(revoke.status(), 1, Integer::sum);
          JsonNode body = revoke.status() == 200 ? revoke.json() : null;
          if (body != null && "revoked".equals(body.get("status").asText())) {
            revoked.add(id);
          }
        }
      } catch (RuntimeException e) {
        return; // The node is gone: what was acknowledged so far is what counts.
      }
    }
  }
}
