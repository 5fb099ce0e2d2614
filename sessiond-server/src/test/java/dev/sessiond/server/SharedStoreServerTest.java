package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server on the machine's PostgreSQL (a schema of its own) and Redis (a key prefix of its
 * own), both cleaned up afterwards: the session life cycle over HTTP, and a restart of the node
 * that keeps everything (signing keys, sessions, refresh tokens, the audit log).
 */
class SharedStoreServerTest {
  @TempDir
  Path dataDir;

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "redis"})
  void sessionsLiveInTheSharedStoreAndSurviveARestartOfTheNode(String backend) throws Exception {
    TestStores.on(backend, "srv", dataDir, this::lifeCycle);
  }

  private void lifeCycle(String storeUrl) throws Exception {
    ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
        .storeUrl(storeUrl).build();
    Opened opened;
    try (SessiondServer server = SessiondServer.start(config)) {
      ApiClient api = ApiClient.of(server);
      opened = api.open("{\"tenantId\":\"pg\",\"userId\":\"alice\",\"ip\":\"203.0.113.9\"}");
      assertThat(api.get("/v1/sessions/" + opened.id()).json().get("status").asText())
          .isEqualTo("active");
      assertThat(api.introspect(opened.accessToken()).json().get("active").asBoolean()).isTrue();
      Reply refreshed = api.refresh(opened.refreshToken());
      assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
      opened = new Opened(opened.id(), refreshed.json().get("accessToken").asText(),
          refreshed.json().get("refreshToken").asText());
    }

    try (SessiondServer server = SessiondServer.start(config)) {
      ApiClient api = ApiClient.of(server);
      assertThat(api.introspect(opened.accessToken()).json().get("active").asBoolean())
          .as("the signing key and the session came back from the store").isTrue();
      assertThat(api.post("/v1/sessions/" + opened.id() + "/revoke", null).status()).isEqualTo(200);
      assertThat(api.introspect(opened.accessToken()).json().get("active").asBoolean()).isFalse();
      assertThat(api.get("/v1/audit?tenantId=pg").json().get("items")).hasSizeGreaterThan(2);
    }
    assertThat(Files.exists(dataDir.resolve("sessiond.db"))).as("no SQLite file").isFalse();
  }
}
