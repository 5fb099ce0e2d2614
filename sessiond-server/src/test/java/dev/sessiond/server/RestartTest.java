package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.server.ApiClient.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What was acknowledged before a stop is there after a start on the same data directory. */
class RestartTest {
  @TempDir
  Path dataDir;

  @Test
  void sessionsAndRevocationsSurviveARestart() {
    String kept;
    String revoked;
    String revokedWithUser;
    String pageToken;
    String key;
    try (SessiondServer first = start()) {
      key = first.adminKey();
      ApiClient api = ApiClient.of(first);
      kept = open(api, "u1");
      revoked = open(api, "u1");
      revokedWithUser = open(api, "u2");
      assertThat(api.post("/v1/sessions/" + revoked + "/revoke", "{\"reason\":\"stolen\"}").status())
          .isEqualTo(200);
      Reply all = api.post("/v1/users/u2/sessions/revoke?tenantId=restart", null);
      assertThat(ids(all.json().get("sessionIds"))).containsExactly(revokedWithUser);
      pageToken = api.get("/v1/sessions?tenantId=restart&pageSize=1").json()
          .get("nextPageToken").asText();
    }

    try (SessiondServer second = start()) {
      assertThat(second.adminKey()).isEqualTo(key);
      ApiClient api = ApiClient.of(second);
      assertThat(status(api, kept)).isEqualTo("active");
      assertThat(status(api, revoked)).isEqualTo("revoked");
      assertThat(status(api, revokedWithUser)).isEqualTo("revoked");

      Reply batch = api.post("/v1/sessions/batch-get",
          "{\"ids\":[\"" + kept + "\",\"" + revoked + "\",\"" + revokedWithUser + "\"]}");
      assertThat(ids(batch.json().get("items"))).containsExactly(kept);
      assertThat(ids(api.get("/v1/users/u1/sessions?tenantId=restart").json().get("items")))
          .containsExactly(kept);
      assertThat(ids(api.get("/v1/users/u1/sessions?tenantId=restart&status=revoked").json()
          .get("items"))).containsExactly(revoked);
      assertThat(api.post("/v1/sessions/" + revoked + "/touch", null).status()).isEqualTo(409);

      Reply secondPage = api.get("/v1/sessions?tenantId=restart&pageSize=1&pageToken=" + pageToken);
      assertThat(secondPage.status()).as("page tokens outlive the process").isEqualTo(200);
      assertThat(ids(secondPage.json().get("items"))).containsExactly(revoked);
    }
  }

  private SessiondServer start() {
    return SessiondServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
        .dataDir(dataDir).build());
  }

  private static String open(ApiClient api, String user) {
    Reply reply = api.post("/v1/sessions", "{\"tenantId\":\"restart\",\"userId\":\"" + user + "\"}");
    assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    return reply.json().get("session").get("id").asText();
  }

  private static String status(ApiClient api, String id) {
    return api.get("/v1/sessions/" + id).json().get("status").asText();
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(item -> ids.add(item.isTextual() ? item.asText() : item.get("id").asText()));
    return ids;
  }
}
