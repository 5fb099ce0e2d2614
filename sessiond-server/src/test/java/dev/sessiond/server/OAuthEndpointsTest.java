package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /oauth2/introspect} (RFC 7662) and {@code POST /oauth2/revoke} (RFC 7009): form
 * bodies, client authentication by HTTP Basic or bearer, and revocation by either token.
 */
class OAuthEndpointsTest {
  private static final String FORM = "application/x-www-form-urlencoded";

  @RegisterExtension
  static final RunningServer RUNNING = RunningServer.onSqlite();

  @Test
  void basicAndBearerClientAuthenticationBothWork() {
    Opened s = open();
    for (String auth : List.of(basic("resource-server", RUNNING.server().adminKey()),
        basic("", RUNNING.server().adminKey()), "Bearer " + RUNNING.server().adminKey(), "bearer " + RUNNING.server().adminKey())) {
      Reply reply = RUNNING.api().send("POST", "/oauth2/introspect", "token=" + s.accessToken(),
          Map.of("Authorization", auth, "Content-Type", FORM + "; charset=UTF-8"));
      assertThat(reply.status()).as("%s: %s", auth.substring(0, 6), reply).isEqualTo(200);
      assertThat(reply.json().get("active").asBoolean()).isTrue();
      assertThat(reply.json().get("sid").asText()).isEqualTo(s.id());
      assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    }
  }

  @Test
  void missingOrWrongClientAuthenticationIs401WithChallenges() {
    Opened s = open();
    for (String path : List.of("/oauth2/introspect", "/oauth2/revoke")) {
      for (String auth : List.of("", basic("rs", "not-the-admin-key-at-all"), "Basic !!!notbase64",
          "Basic " + b64("no-colon"), "Bearer not-the-admin-key-at-all", "Digest x", "Basic ")) {
        Reply reply = RUNNING.api().send("POST", path, "token=" + s.accessToken(),
            Map.of("Authorization", auth, "Content-Type", FORM));
        assertThat(reply.status()).as("%s %s: %s", path, auth, reply).isEqualTo(401);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.json().get("code").asText()).isEqualTo("unauthorized");
        assertThat(reply.headers().entrySet().stream()
            .filter(h -> h.getKey().equalsIgnoreCase("WWW-Authenticate"))
            .flatMap(h -> h.getValue().stream()))
            .anyMatch(v -> v.startsWith("Basic")).anyMatch(v -> v.startsWith("Bearer"));
        assertThat(reply.body()).doesNotContain(RUNNING.server().adminKey());
      }
    }
    assertThat(RUNNING.api().introspect(s.accessToken()).json().get("active").asBoolean())
        .as("nothing was revoked by unauthenticated calls").isTrue();
  }

  @Test
  void revokingByAccessTokenEndsTheSession() {
    Opened s = open();
    Reply revoked = RUNNING.api().send("POST", "/oauth2/revoke",
        "token=" + s.accessToken() + "&token_type_hint=access_token",
        Map.of("Authorization", basic("rs", RUNNING.server().adminKey()), "Content-Type", FORM));
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
    assertThat(revoked.body()).isEmpty();
    assertThat(RUNNING.api().postForm("/oauth2/introspect", "token=" + s.accessToken()).body())
        .isEqualTo("{\"active\":false}");
    assertThat(RUNNING.api().get("/v1/sessions/" + s.id()).json().get("status").asText()).isEqualTo("revoked");
    assertThat(RUNNING.api().refresh(s.refreshToken()).json().get("code").asText()).isEqualTo("session_not_active");
  }

  @Test
  void revokingByRefreshTokenEndsTheSession() {
    Opened s = open();
    Reply revoked = RUNNING.api().postForm("/oauth2/revoke", "token_type_hint=refresh_token&token="
        + s.refreshToken());
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
    assertThat(revoked.body()).isEmpty();
    assertThat(RUNNING.api().postForm("/oauth2/introspect", "token=" + s.accessToken()).body())
        .isEqualTo("{\"active\":false}");
    assertThat(RUNNING.api().introspect(s.accessToken()).body()).isEqualTo("{\"active\":false}");
    assertThat(RUNNING.api().get("/v1/sessions/" + s.id()).json().get("status").asText()).isEqualTo("revoked");
  }

  @Test
  void revokingARotatedRefreshTokenEndsTheSessionToo() {
    Opened s = open();
    String newAccess = RUNNING.api().refresh(s.refreshToken()).json().get("accessToken").asText();
    assertThat(RUNNING.api().postForm("/oauth2/revoke", "token=" + s.refreshToken()).status()).isEqualTo(200);
    assertThat(RUNNING.api().introspect(newAccess).body()).isEqualTo("{\"active\":false}");
  }

  @Test
  void unknownInvalidAndAlreadyRevokedTokensAnswer200() {
    Opened s = open();
    assertThat(RUNNING.api().postForm("/oauth2/revoke", "token=" + s.accessToken()).status()).isEqualTo(200);
    for (String token : List.of("unknown", s.accessToken(), s.refreshToken(), "a.b.c",
        "%F0%9F%99%82", "x".repeat(10_000))) {
      Reply reply = RUNNING.api().postForm("/oauth2/revoke", "token=" + token);
      assertThat(reply.status()).as("%s", reply).isEqualTo(200);
      assertThat(reply.body()).isEmpty();
    }
    Reply unknownHint = RUNNING.api().postForm("/oauth2/revoke", "token=unknown&token_type_hint=id_token");
    assertThat(unknownHint.status()).isEqualTo(200);
    Reply extra = RUNNING.api().postForm("/oauth2/introspect", "token=unknown&client_id=rs&scope=x");
    assertThat(extra.status()).as("unknown parameters are ignored: %s", extra).isEqualTo(200);
    assertThat(extra.body()).isEqualTo("{\"active\":false}");
  }

  private static Opened open() {
    return RUNNING.api().open("{\"tenantId\":\"oauth\",\"userId\":\"u1\",\"roles\":[\"reader\"]}");
  }

  private static String basic(String user, String password) {
    return "Basic " + b64(user + ":" + password);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
