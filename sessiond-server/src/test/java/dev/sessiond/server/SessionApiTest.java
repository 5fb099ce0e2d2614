package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.server.ApiClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session API end to end over HTTP, on a real server and a SQLite file. */
class SessionApiTest {
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
      + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

  @RegisterExtension
  static final RunningServer RUNNING = RunningServer.onSqlite();

  @Test
  void opensReadsSearchesBatchesAndRevokes() {
    Reply opened = RUNNING.api().post("/v1/sessions", "{\"tenantId\":\"happy\",\"userId\":\"u-alice\","
        + "\"username\":\"alice.w\",\"roles\":[\"admin\",\"ops\"],\"deptName\":\"Finance\","
        + "\"ip\":\"10.1.2.3\",\"userAgent\":\"" + CHROME + "\",\"attributes\":{\"k\":\"v\"}}");
    assertThat(opened.status()).as("%s", opened).isEqualTo(201);
    assertThat(fieldNames(opened.json())).containsExactly("session", "accessToken", "tokenType",
        "expiresIn", "refreshToken");
    assertThat(opened.json().get("tokenType").asText()).isEqualTo("Bearer");
    assertThat(opened.json().get("expiresIn").asLong()).isBetween(299L, 300L);
    assertThat(opened.json().get("accessToken").asText()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    assertThat(opened.json().get("refreshToken").asText()).matches("[A-Za-z0-9_-]{43}");
    JsonNode alice = opened.json().get("session");
    String aliceId = alice.get("id").asText();
    assertThat(aliceId).matches("[0-9a-f]{64}");
    assertThat(opened.header("Location")).isEqualTo("/v1/sessions/" + aliceId);
    assertThat(opened.header("Content-Type")).startsWith("application/json");
    assertThat(fieldNames(alice)).containsExactlyInAnyOrder("id", "tenantId", "userId", "username",
        "clientType", "deptName", "ip", "browser", "os", "loginAt", "lastActiveAt", "expiresAt",
        "status", "roles");
    assertThat(alice.get("tenantId").asText()).isEqualTo("happy");
    assertThat(alice.get("username").asText()).isEqualTo("alice.w");
    assertThat(alice.get("clientType").asText()).isEqualTo("web");
    assertThat(alice.get("status").asText()).isEqualTo("active");
    assertThat(alice.get("browser").asText()).startsWith("Chrome");
    assertThat(alice.get("os").asText()).startsWith("Windows");
    assertThat(alice.get("loginAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
    assertThat(alice.get("roles")).hasSize(2);

    String aliceMobile = open("{\"tenantId\":\"happy\",\"userId\":\"u-alice\",\"username\":\"alice.w\","
        + "\"clientType\":\"mobile\"}");
    String bob = open("{\"tenantId\":\"happy\",\"userId\":\"u-bob\",\"username\":\"bob\"}");
    String carol = open("{\"tenantId\":\"happy\",\"userId\":\"u-carol\",\"username\":\"carol\"}");
    String otherTenant = open("{\"tenantId\":\"elsewhere\",\"userId\":\"u-alice\"}");

    Reply got = RUNNING.api().get("/v1/sessions/" + aliceId);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json()).isEqualTo(alice);

    Reply touched = RUNNING.api().post("/v1/sessions/" + aliceId + "/touch", null);
    assertThat(touched.status()).as("%s", touched).isEqualTo(200);
    assertThat(touched.json().get("status").asText()).isEqualTo("active");

    Reply search = RUNNING.api().get("/v1/sessions?tenantId=happy&username=ali");
    assertThat(search.status()).isEqualTo(200);
    assertThat(ids(search.json().get("items"))).containsExactly(aliceMobile, aliceId);
    assertThat(search.json().get("nextPageToken").isNull()).isTrue();

    Reply first = RUNNING.api().get("/v1/sessions?tenantId=happy&username=ali&pageSize=1");
    assertThat(ids(first.json().get("items"))).containsExactly(aliceMobile);
    String token = first.json().get("nextPageToken").asText();
    Reply second = RUNNING.api().get("/v1/sessions?tenantId=happy&username=ali&pageSize=1&pageToken=" + token);
    assertThat(ids(second.json().get("items"))).containsExactly(aliceId);
    assertThat(second.json().get("nextPageToken").isNull()).isTrue();

    assertThat(ids(RUNNING.api().get("/v1/sessions?tenantId=happy&clientType=mobile").json().get("items")))
        .containsExactly(aliceMobile);
    assertThat(ids(RUNNING.api().get("/v1/sessions?tenantId=happy&ipPrefix=10.1.").json().get("items")))
        .containsExactly(aliceId);

    Reply revokedCarol = RUNNING.api().post("/v1/sessions/" + carol + "/revoke", null);
    assertThat(revokedCarol.status()).isEqualTo(200);
    String unknown = "ab".repeat(32);
    Reply batch = RUNNING.api().post("/v1/sessions/batch-get", "{\"tenantId\":\"happy\",\"ids\":[\"" + unknown
        + "\",\"" + bob + "\",\"" + carol + "\",\"" + otherTenant + "\",\"" + aliceId + "\",\"" + bob + "\"]}");
    assertThat(batch.status()).as("%s", batch).isEqualTo(200);
    assertThat(ids(batch.json().get("items"))).containsExactly(bob, aliceId);

    Reply revoked = RUNNING.api().post("/v1/sessions/" + aliceId + "/revoke", "{\"reason\":\"logout\"}");
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
    assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
    assertThat(RUNNING.api().get("/v1/sessions/" + aliceId).json().get("status").asText()).isEqualTo("revoked");

    Reply all = RUNNING.api().post("/v1/users/u-alice/sessions/revoke?tenantId=happy", "{\"reason\":\"offboarded\"}");
    assertThat(all.status()).as("%s", all).isEqualTo(200);
    assertThat(all.json().get("revoked").asInt()).isEqualTo(1);
    assertThat(ids(all.json().get("sessionIds"))).containsExactly(aliceMobile);

    assertThat(RUNNING.api().get("/v1/users/u-alice/sessions?tenantId=happy").json().get("items")).isEmpty();
    Reply any = RUNNING.api().get("/v1/users/u-alice/sessions?tenantId=happy&status=any");
    assertThat(any.status()).isEqualTo(200);
    assertThat(ids(any.json().get("items"))).containsExactly(aliceMobile, aliceId);
    for (JsonNode session : any.json().get("items")) {
      assertThat(session.get("status").asText()).isEqualTo("revoked");
    }
    assertThat(ids(RUNNING.api().get("/v1/users/u-alice/sessions?tenantId=elsewhere").json().get("items")))
        .containsExactly(otherTenant);
    assertThat(ids(RUNNING.api().get("/v1/users/u-bob/sessions?tenantId=happy&status=active").json().get("items")))
        .containsExactly(bob);
  }

  @Test
  void healthAndOpenApiNeedNoKey() {
    ApiClient anonymous = new ApiClient(RUNNING.server().port(), "");
    Reply health = anonymous.send("GET", "/healthz", null, java.util.Map.of("Authorization", ""));
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("ok");
    Reply openApi = anonymous.send("GET", "/openapi.json", null, java.util.Map.of("Authorization", ""));
    assertThat(openApi.status()).isEqualTo(200);
    assertThat(openApi.json().get("openapi").asText()).startsWith("3.1");
  }

  private static String open(String body) {
    Reply reply = RUNNING.api().post("/v1/sessions", body);
    assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    return reply.json().get("session").get("id").asText();
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    for (JsonNode item : array) {
      ids.add(item.isTextual() ? item.asText() : item.get("id").asText());
    }
    return ids;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
