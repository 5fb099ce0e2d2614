package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.SessionLimit;
import dev.sessiond.SessionLimit.Policy;
import dev.sessiond.server.ApiClient.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The concurrent-session limit over HTTP: many simultaneous opens for one user leave exactly the
 * limit active, whether the tenant refuses new sessions or evicts the oldest.
 */
class SessionLimitTest {
  private static final int LIMIT = 5;
  private static final int OPENS = 50;

  @RegisterExtension
  static final RunningServer RUNNING = RunningServer.onSqlite(b -> b
      .sessionLimit("deny", new SessionLimit(LIMIT, Policy.DENY_NEW, false))
      .sessionLimit("evict", new SessionLimit(LIMIT, Policy.EVICT_OLDEST, false))
      .sessionLimit("per-type", new SessionLimit(1, Policy.DENY_NEW, true)));

  @Test
  void denyNewAdmitsExactlyTheLimitAndRefusesTheRest() throws Exception {
    List<Reply> replies = openAtOnce("deny", "u-dana");

    List<String> admitted = new ArrayList<>();
    for (Reply reply : replies) {
      if (reply.status() == 201) {
        admitted.add(reply.json().at("/session/id").asText());
      } else {
        assertThat(reply.status()).as("%s", reply).isEqualTo(409);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("code").asText()).isEqualTo("session_limit_reached");
        assertThat(reply.json().get("status").asInt()).isEqualTo(409);
      }
    }
    assertThat(admitted).hasSize(LIMIT);
    assertThat(activeSessions("deny", "u-dana")).containsExactlyInAnyOrderElementsOf(admitted);

    Reply another = RUNNING.api().post("/v1/sessions", openBody("deny", "u-dana", "web"));
    assertThat(another.status()).as("still at the limit: %s", another).isEqualTo(409);
    assertThat(RUNNING.api().post("/v1/sessions", openBody("deny", "u-other", "web")).status())
        .as("other users are not counted").isEqualTo(201);
    assertThat(RUNNING.api().post("/v1/sessions", openBody("elsewhere", "u-dana", "web")).status())
        .as("a tenant without a limit").isEqualTo(201);

    Reply revoked = RUNNING.api().post("/v1/sessions/" + admitted.get(0) + "/revoke", null);
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
    assertThat(RUNNING.api().post("/v1/sessions", openBody("deny", "u-dana", "web")).status())
        .as("a revoked session frees its place").isEqualTo(201);
    assertThat(activeSessions("deny", "u-dana")).hasSize(LIMIT);
  }

  @Test
  void evictOldestAdmitsEveryOpenAndLeavesExactlyTheLimitActive() throws Exception {
    List<Reply> replies = openAtOnce("evict", "u-eve");

    List<String[]> opened = new ArrayList<>();
    for (Reply reply : replies) {
      assertThat(reply.status()).as("%s", reply).isEqualTo(201);
      opened.add(new String[] {reply.json().at("/session/id").asText(),
          reply.json().get("accessToken").asText()});
    }
    Set<String> survivors = new HashSet<>(activeSessions("evict", "u-eve"));
    assertThat(survivors).hasSize(LIMIT);

    int evicted = 0;
    for (String[] session : opened) {
      Reply introspected = RUNNING.api().introspect(session[1]);
      assertThat(introspected.status()).isEqualTo(200);
      if (survivors.contains(session[0])) {
        assertThat(introspected.json().get("active").asBoolean()).as("survivor %s", session[0])
            .isTrue();
        assertThat(introspected.json().get("sid").asText()).isEqualTo(session[0]);
      } else {
        evicted++;
        assertThat(introspected.json().toString()).as("evicted %s", session[0])
            .isEqualTo("{\"active\":false}");
        JsonNode record = RUNNING.api().get("/v1/sessions/" + session[0]).json();
        assertThat(record.get("status").asText()).isEqualTo("revoked");
      }
    }
    assertThat(evicted).isEqualTo(OPENS - LIMIT);
  }

  @Test
  void aPerClientTypeLimitCountsEachClientTypeApart() {
    assertThat(RUNNING.api().post("/v1/sessions", openBody("per-type", "u-pat", "web")).status())
        .isEqualTo(201);
    assertThat(RUNNING.api().post("/v1/sessions", openBody("per-type", "u-pat", "mobile")).status())
        .isEqualTo(201);
    Reply secondWeb = RUNNING.api().post("/v1/sessions", openBody("per-type", "u-pat", "web"));
    assertThat(secondWeb.status()).as("%s", secondWeb).isEqualTo(409);
    assertThat(secondWeb.json().get("code").asText()).isEqualTo("session_limit_reached");
    assertThat(activeSessions("per-type", "u-pat")).hasSize(2);
  }

  /** {@value #OPENS} opens for one user, all released at once; their replies. */
  private static List<Reply> openAtOnce(String tenantId, String userId) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(OPENS);
    try {
      CountDownLatch ready = new CountDownLatch(OPENS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Reply>> futures = new ArrayList<>();
      for (int i = 0; i < OPENS; i++) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return RUNNING.api().post("/v1/sessions", openBody(tenantId, userId, "web"));
        }));
      }
      ready.await();
      go.countDown();
      List<Reply> replies = new ArrayList<>();
      for (Future<Reply> future : futures) {
        replies.add(future.get());
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> activeSessions(String tenantId, String userId) {
    Reply reply = RUNNING.api().get("/v1/users/" + userId + "/sessions?tenantId=" + tenantId
        + "&status=active");
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode item : reply.json().get("items")) {
      assertThat(item.get("status").asText()).isEqualTo("active");
      ids.add(item.get("id").asText());
    }
    return ids;
  }

  private static String openBody(String tenantId, String userId, String clientType) {
    return "{\"tenantId\":\"" + tenantId + "\",\"userId\":\"" + userId + "\",\"username\":\""
        + userId + "\",\"clientType\":\"" + clientType + "\"}";
  }
}
