package dev.sessiond.server;

import static dev.sessiond.server.Callers.ORG_ADMIN;
import static dev.sessiond.server.ReplyAssertions.assertProblem;
import static dev.sessiond.server.ReplyAssertions.assertSameAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.ManualClock;
import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session the caller may not see is answered exactly as one that does not exist: batch get leaves
 * out foreign, expired, revoked and unknown ids alike, and get, touch and revoke of a foreign id
 * answer the very bytes an unknown id gets.
 */
class InvisibleEqualsMissingTest {
  private static final ManualClock CLOCK = new ManualClock(Instant.parse("2030-05-01T08:00:00Z"));

  private static final String REASON = "{\"reason\":\"x\"}";

  @RegisterExtension
  static final RunningServer RUNNING = RunningServer.onSqlite(CLOCK, b -> b);

  @Test
  void batchGetAnswersOnlyVisibleActiveSessionsInTheOrderAskedAndNothingAboutTheRest() {
    ApiClient monitor = Callers.apiKey(RUNNING, "iem-acme", "sessions.batch_get").client(RUNNING);
    Opened expired = Callers.session(RUNNING, "iem-acme", "erin");
    CLOCK.advance(Duration.ofMinutes(20));
    Opened first = Callers.session(RUNNING, "iem-acme", "alice");
    Opened second = Callers.session(RUNNING, "iem-acme", "amy");
    Opened revoked = Callers.session(RUNNING, "iem-acme", "rob");
    Opened foreign = Callers.session(RUNNING, "iem-beta", "bob");
    assertThat(RUNNING.api().post("/v1/sessions/" + revoked.id() + "/revoke", null).status())
        .isEqualTo(200);
    CLOCK.advance(Duration.ofMinutes(11));
    String unknown = unknownId();
    assertThat(status(expired)).as("past the 30-minute idle timeout").isEqualTo("expired");
    assertThat(status(revoked)).isEqualTo("revoked");
    assertThat(status(foreign)).isEqualTo("active");

    Reply mixed = batchGet(monitor,
        unknown, second.id(), foreign.id(), expired.id(), first.id(), revoked.id(), second.id());
    Reply visibleOnly = batchGet(monitor, second.id(), first.id());

    assertThat(mixed.status()).as("%s", mixed).isEqualTo(200);
    assertThat(ids(mixed)).containsExactly(second.id(), first.id());
    assertSameAnswer(mixed, visibleOnly);

    Reply nothing = batchGet(monitor, unknown);
    assertThat(nothing.json().get("items")).isEmpty();
    for (Opened invisible : List.of(foreign, expired, revoked)) {
      assertSameAnswer(batchGet(monitor, invisible.id()), nothing);
    }
  }

  @Test
  void getTouchAndRevokeOfAForeignSessionAnswerExactlyAsAnUnknownOne() {
    ApiClient key = Callers.apiKey(RUNNING, "iem-one", "sessions.get", "sessions.touch",
        "sessions.revoke").client(RUNNING);
    ApiClient orgAdmin = RUNNING.api().withKey(
        Callers.session(RUNNING, "iem-one", "olga", ORG_ADMIN).accessToken());
    Opened foreign = Callers.session(RUNNING, "iem-two", "bob");
    String unknown = unknownId();

    for (ApiClient caller : List.of(key, orgAdmin)) {
      assertNotFoundAlike(caller.get("/v1/sessions/" + foreign.id()),
          caller.get("/v1/sessions/" + unknown));
      assertNotFoundAlike(caller.post("/v1/sessions/" + foreign.id() + "/revoke", REASON),
          caller.post("/v1/sessions/" + unknown + "/revoke", REASON));
    }
    assertNotFoundAlike(key.post("/v1/sessions/" + foreign.id() + "/touch", null),
        key.post("/v1/sessions/" + unknown + "/touch", null));

    assertThat(status(foreign)).isEqualTo("active");
    assertThat(RUNNING.api().isActive(foreign.accessToken())).isTrue();
  }

  // ---- helpers ----

  private static void assertNotFoundAlike(Reply foreign, Reply unknown) {
    assertProblem(unknown, 404, "session_not_found");
    assertSameAnswer(foreign, unknown);
  }

  private static Reply batchGet(ApiClient client, String... ids) {
    return client.post("/v1/sessions/batch-get", ApiClient.json("ids", List.of(ids)));
  }

  private static List<String> ids(Reply reply) {
    List<String> ids = new ArrayList<>();
    for (JsonNode item : reply.json().get("items")) {
      ids.add(item.get("id").asText());
    }
    return ids;
  }

  private static String status(Opened session) {
    return RUNNING.api().get("/v1/sessions/" + session.id()).json().get("status").asText();
  }

  private static String unknownId() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
