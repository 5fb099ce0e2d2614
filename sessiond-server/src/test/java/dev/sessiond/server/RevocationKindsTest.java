package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After each kind of revocation, the very next introspection of the session's access token answers
 * exactly {@code {"active":false}}, and its refresh token answers as documented: 409 {@code
 * session_not_active} when the session was revoked, 409 {@code session_blacklisted} when the
 * session is blacklisted; success when only one token's {@code jti} was blacklisted.
 */
class RevocationKindsTest {
  private static final JsonNode INACTIVE = new ObjectMapper().createObjectNode().put("active", false);

  @RegisterExtension
  static final RunningServer RUNNING = RunningServer.onSqlite();

  @Test
  void revokingOneSessionDeactivatesItsTokenAndItsRefreshGets409() {
    Opened s = openActive("rk-one", "u1");
    Opened other = openActive("rk-one", "u1");
    assertThat(RUNNING.api().post("/v1/sessions/" + s.id() + "/revoke", "{\"reason\":\"lost\"}").status())
        .isEqualTo(200);
    assertInactive(s.accessToken());
    assertRefreshFails(s.refreshToken(), 409, "session_not_active");
    assertActive(other.accessToken());
  }

  @Test
  void revokingAllOfAUsersSessionsDeactivatesTheirTokensAndRefreshGets409() {
    Opened a = openActive("rk-user", "u1");
    Opened b = openActive("rk-user", "u1");
    Opened bystander = openActive("rk-user", "u2");
    Reply all = RUNNING.api().post("/v1/users/u1/sessions/revoke?tenantId=rk-user", null);
    assertThat(all.json().get("revoked").asInt()).isEqualTo(2);
    assertInactive(a.accessToken());
    assertInactive(b.accessToken());
    assertRefreshFails(a.refreshToken(), 409, "session_not_active");
    assertRefreshFails(b.refreshToken(), 409, "session_not_active");
    assertActive(bystander.accessToken());
    assertActive(openActive("rk-user", "u1").accessToken());
  }

  @Test
  void blacklistingTheSessionIdDeactivatesItsTokenAndItsRefreshGets409() {
    Opened s = openActive("rk-bl-sid", "u1");
    Reply banned = RUNNING.api().post("/v1/blacklist",
        "{\"tenantId\":\"rk-bl-sid\",\"name\":\"" + s.id() + "\",\"ttl\":600}");
    assertThat(banned.status()).as("%s", banned).isEqualTo(201);
    assertThat(banned.json().get("name").asText()).isEqualTo(s.id());
    assertThat(banned.json().get("expiresAt").asText()).endsWith("Z");
    assertThat(banned.header("Location")).isEqualTo("/v1/blacklist/" + s.id() + "?tenantId=rk-bl-sid");
    assertInactive(s.accessToken());

    Reply refreshed = RUNNING.api().refresh(s.refreshToken());
    assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(409);
    assertThat(refreshed.json().get("code").asText()).isEqualTo("session_blacklisted");

    Reply asked = RUNNING.api().get("/v1/blacklist/" + s.id() + "?tenantId=rk-bl-sid");
    assertThat(asked.status()).isEqualTo(200);
    assertThat(asked.json().get("blacklisted").asBoolean()).isTrue();
    assertThat(asked.json().get("expiresAt").asText()).isEqualTo(banned.json().get("expiresAt").asText());
    Reply elsewhere = RUNNING.api().get("/v1/blacklist/" + s.id() + "?tenantId=rk-other");
    assertThat(elsewhere.json().get("blacklisted").asBoolean()).as("tenants are walls").isFalse();
    assertThat(elsewhere.json().has("expiresAt")).isFalse();
  }

  @Test
  void blacklistingTheJtiDeactivatesThatTokenButRefreshSucceedsWithAFreshActiveToken() {
    Opened s = openActive("rk-bl-jti", "u1");
    String jti = RUNNING.api().introspect(s.accessToken()).json().get("jti").asText();
    assertThat(RUNNING.api().post("/v1/blacklist",
        "{\"tenantId\":\"rk-bl-jti\",\"name\":\"" + jti + "\",\"ttl\":600}").status()).isEqualTo(201);
    assertInactive(s.accessToken());

    Reply refreshed = RUNNING.api().refresh(s.refreshToken());
    assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
    assertActive(refreshed.json().get("accessToken").asText());
  }

  @Test
  void revokingAWholeTenantDeactivatesEveryTokenAndRefreshGets409() {
    Opened a = openActive("rk-tenant", "u1");
    Opened b = openActive("rk-tenant", "u2");
    Opened otherTenant = openActive("rk-tenant-2", "u1");
    Reply all = RUNNING.api().post("/v1/tenants/rk-tenant/sessions/revoke", "{\"reason\":\"breach\"}");
    assertThat(all.status()).as("%s", all).isEqualTo(200);
    assertThat(all.json().get("revoked").asInt()).isEqualTo(2);
    assertInactive(a.accessToken());
    assertInactive(b.accessToken());
    assertRefreshFails(a.refreshToken(), 409, "session_not_active");
    assertRefreshFails(b.refreshToken(), 409, "session_not_active");
    assertActive(otherTenant.accessToken());
    assertThat(RUNNING.api().get("/v1/sessions/" + a.id()).json().get("status").asText()).isEqualTo("revoked");
    assertActive(openActive("rk-tenant", "u3").accessToken());
  }

  private static Opened openActive(String tenant, String user) {
    Opened opened = RUNNING.api().open("{\"tenantId\":\"" + tenant + "\",\"userId\":\"" + user + "\"}");
    assertActive(opened.accessToken());
    return opened;
  }

  private static void assertActive(String token) {
    Reply reply = RUNNING.api().introspect(token);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("active").asBoolean()).as("%s", reply).isTrue();
  }

  private static void assertInactive(String token) {
    Reply reply = RUNNING.api().introspect(token);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).as("%s", reply).isEqualTo(INACTIVE);
  }

  private static void assertRefreshFails(String refreshToken, int status, String code) {
    Reply reply = RUNNING.api().refresh(refreshToken);
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().get("code").asText()).isEqualTo(code);
  }
}
