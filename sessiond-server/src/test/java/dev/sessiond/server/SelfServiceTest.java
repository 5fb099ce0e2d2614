package dev.sessiond.server;

import static dev.sessiond.server.ReplyAssertions.assertProblem;
import static dev.sessiond.server.ReplyAssertions.assertSameAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "My devices" over HTTP: an end user, with their own access token, sees and ends only their own
 * sessions in their own tenant; anyone else's session is answered as an unknown one and is left
 * alone. API keys have no self.
 */
class SelfServiceTest {
  private static final String UNKNOWN_ID = "0".repeat(64);

  @RegisterExtension
  static final RunningServer RUNNING = RunningServer.onSqlite();

  @Test
  void aUserListsExactlyTheirOwnActiveSessionsWithTheCurrentOneFlagged() {
    String tenant = "ss-list";
    Opened phone = Callers.session(RUNNING, tenant, "alice");
    Opened laptop = Callers.session(RUNNING, tenant, "alice");
    Opened ended = Callers.session(RUNNING, tenant, "alice");
    revokeByAdmin(ended);
    Callers.session(RUNNING, tenant, "bob");
    Callers.session(RUNNING, "ss-list-elsewhere", "alice");

    Reply reply = me(laptop).get("/v1/me/sessions");

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    JsonNode items = reply.json().get("items");
    assertThat(ids(items)).containsExactlyInAnyOrder(phone.id(), laptop.id());
    for (JsonNode item : items) {
      assertThat(item.get("tenantId").asText()).isEqualTo(tenant);
      assertThat(item.get("userId").asText()).isEqualTo("alice");
      assertThat(item.get("status").asText()).isEqualTo("active");
      assertThat(item.get("current").asBoolean()).isEqualTo(item.get("id").asText()
          .equals(laptop.id()));
    }
  }

  @Test
  void aUserRevokesOneOfTheirOwnSessions() {
    Opened phone = Callers.session(RUNNING, "ss-one", "alice");
    Opened laptop = Callers.session(RUNNING, "ss-one", "alice");

    Reply reply = me(laptop).post("/v1/me/sessions/" + phone.id() + "/revoke", null);

    assertThat(reply.status()).as("%s", reply).isEqualTo(204);
    assertThat(reply.body()).isEmpty();
    assertThat(RUNNING.api().isActive(phone.accessToken())).isFalse();
    assertThat(status(phone)).isEqualTo("revoked");
    assertThat(ids(me(laptop).get("/v1/me/sessions").json().get("items")))
        .containsExactly(laptop.id());
    assertThat(RUNNING.api().isActive(laptop.accessToken())).isTrue();
  }

  @Test
  void anotherUsersSessionIsAnsweredAsAnUnknownOneAndStaysActive() {
    Opened mine = Callers.session(RUNNING, "ss-other", "alice");
    Opened bobs = Callers.session(RUNNING, "ss-other", "bob");
    Opened mineElsewhere = Callers.session(RUNNING, "ss-other-2", "alice");
    ApiClient alice = me(mine);

    Reply unknown = alice.post("/v1/me/sessions/" + UNKNOWN_ID + "/revoke", null);
    assertProblem(unknown, 404, "session_not_found");
    assertSameAnswer(alice.post("/v1/me/sessions/" + bobs.id() + "/revoke", null), unknown);
    assertSameAnswer(alice.post("/v1/me/sessions/" + mineElsewhere.id() + "/revoke", null),
        unknown);

    assertThat(status(bobs)).isEqualTo("active");
    assertThat(RUNNING.api().isActive(bobs.accessToken())).isTrue();
    assertThat(RUNNING.api().isActive(mineElsewhere.accessToken())).isTrue();
  }

  @Test
  void revokeOthersLeavesOnlyTheCurrentSession() {
    Opened first = Callers.session(RUNNING, "ss-others", "alice");
    Opened current = Callers.session(RUNNING, "ss-others", "alice");
    Opened third = Callers.session(RUNNING, "ss-others", "alice");
    Opened bobs = Callers.session(RUNNING, "ss-others", "bob");

    Reply reply = me(current).post("/v1/me/sessions/revoke-others", null);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json().get("revoked").asInt()).isEqualTo(2);
    assertThat(ids(reply.json().get("sessionIds"))).containsExactlyInAnyOrder(first.id(), third.id());
    assertThat(ids(me(current).get("/v1/me/sessions").json().get("items")))
        .containsExactly(current.id());
    assertThat(RUNNING.api().isActive(first.accessToken())).isFalse();
    assertThat(RUNNING.api().isActive(third.accessToken())).isFalse();
    assertThat(RUNNING.api().isActive(current.accessToken())).isTrue();
    assertThat(RUNNING.api().isActive(bobs.accessToken())).isTrue();
  }

  @Test
  void logoutMakesTheCurrentTokenStopWorking() {
    Opened current = Callers.session(RUNNING, "ss-logout", "alice");
    Opened other = Callers.session(RUNNING, "ss-logout", "alice");
    ApiClient alice = me(current);

    Reply reply = alice.post("/v1/me/logout", null);

    assertThat(reply.status()).as("%s", reply).isEqualTo(204);
    assertProblem(alice.get("/v1/me/sessions"), 401, "unauthorized");
    assertThat(RUNNING.api().isActive(current.accessToken())).isFalse();
    assertThat(status(current)).isEqualTo("revoked");
    assertProblem(RUNNING.api().refresh(current.refreshToken()), 409, "session_not_active");
    assertThat(RUNNING.api().isActive(other.accessToken())).isTrue();
  }

  @Test
  void anApiKeyHasNoSelf() {
    Opened session = Callers.session(RUNNING, "ss-key", "alice");
    for (ApiClient key : List.of(RUNNING.api(),
        Callers.apiKey(RUNNING, "ss-key", Callers.allMethods()).client(RUNNING))) {
      assertProblem(key.get("/v1/me/sessions"), 403, "method_not_permitted");
      assertProblem(key.post("/v1/me/sessions/" + session.id() + "/revoke", null), 403,
          "method_not_permitted");
      assertProblem(key.post("/v1/me/sessions/revoke-others", null), 403, "method_not_permitted");
      assertProblem(key.post("/v1/me/logout", null), 403, "method_not_permitted");
    }
    assertThat(RUNNING.api().isActive(session.accessToken())).isTrue();
  }

  // ---- helpers ----

  /** A client that sends {@code session}'s access token. */
  private static ApiClient me(Opened session) {
    return RUNNING.api().withKey(session.accessToken());
  }

  private static void revokeByAdmin(Opened session) {
    assertThat(RUNNING.api().post("/v1/sessions/" + session.id() + "/revoke", null).status())
        .isEqualTo(200);
  }

  private static String status(Opened session) {
    return RUNNING.api().get("/v1/sessions/" + session.id()).json().get("status").asText();
  }

  /** The ids of a list of sessions, or a list of ids. */
  private static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    for (JsonNode item : items) {
      ids.add(item.isTextual() ? item.asText() : item.get("id").asText());
    }
    return ids;
  }
}
