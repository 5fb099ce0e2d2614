package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiond.ManualClock;
import dev.sessiond.server.ApiClient.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tokens of another issuer (keys made here, JWKS in a file) over HTTP: introspection records their
 * sessions, which then show in search and can be blacklisted or revoked; and {@code POST
 * /v1/sessions/from-token-set}. Tenant {@code acme} names sessions by {@code sid}; tenants {@code
 * east} and {@code west} both trust a second issuer (sessions by {@code jti}).
 */
class ExternalIssuerApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INACTIVE = "{\"active\":false}";
  private static final String FIREFOX =
      "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
  private static final ManualClock CLOCK = new ManualClock(Instant.parse("2030-03-01T08:00:00Z"));
  private static final TestIssuer IDP = TestIssuer.create("https://idp.example.test");
  private static final TestIssuer SHARED = TestIssuer.create("https://shared-idp.example.test");
  private static final TestIssuer STRANGER = TestIssuer.create("https://stranger.example.test");

  @RegisterExtension
  static final RunningServer RUNNING = RunningServer.onSqlite(CLOCK, b -> b
      .externalIssuer(IDP.trustedBy("acme").withSessionClaim("sid"))
      .externalIssuer(SHARED.trustedBy("east"))
      .externalIssuer(SHARED.trustedBy("west")));

  @Test
  void aTokenOfTheIssuerCreatesASessionThatShowsInSearchAndFailsOnceBlacklisted() {
    String token = token("alice", "idp-session-1");

    JsonNode active = introspect(token, "acme", "198.51.100.7", FIREFOX);
    assertThat(active.get("active").asBoolean()).as("%s", active).isTrue();
    assertThat(active.get("sub").asText()).isEqualTo("alice");
    assertThat(active.get("username").asText()).isEqualTo("alice@example.test");
    assertThat(active.get("tid").asText()).isEqualTo("acme");
    assertThat(active.get("iss").asText()).isEqualTo(IDP.issuer());
    String id = active.get("sid").asText();
    assertThat(id).matches("[0-9a-f]{64}");

    JsonNode page = RUNNING.api().get("/v1/sessions?tenantId=acme&ip=198.51.100.7").json();
    assertThat(page.get("items")).hasSize(1);
    JsonNode session = page.get("items").get(0);
    assertThat(session.get("id").asText()).isEqualTo(id);
    assertThat(session.get("userId").asText()).isEqualTo("alice");
    assertThat(session.get("username").asText()).isEqualTo("alice@example.test");
    assertThat(session.get("ip").asText()).isEqualTo("198.51.100.7");
    assertThat(session.get("browser").asText()).startsWith("Firefox");
    assertThat(session.get("status").asText()).isEqualTo("active");
    assertThat(introspect(token("alice", "idp-session-1"), null, null, null).get("sid").asText())
        .as("another token of the same session").isEqualTo(id);

    Reply banned = RUNNING.api().post("/v1/blacklist",
        "{\"tenantId\":\"acme\",\"name\":\"idp-session-1\",\"ttl\":600}");
    assertThat(banned.status()).as("%s", banned).isEqualTo(201);
    assertThat(RUNNING.api().introspect(token).body()).isEqualTo(INACTIVE);
    assertThat(RUNNING.api().introspect(token("alice", "idp-session-1")).body()).isEqualTo(INACTIVE);
    assertThat(RUNNING.api().postForm("/oauth2/introspect", "token=" + token).body())
        .isEqualTo(INACTIVE);
    assertThat(RUNNING.api().introspect(token("alice", "idp-session-other")).json()
        .get("active").asBoolean()).as("another session of the same user").isTrue();
  }

  @Test
  void revokingTheSessionByIdFailsItsTokensAndItsTokenSet() {
    String token = token("bob", "idp-session-2");
    String id = introspect(token, null, null, null).get("sid").asText();

    Reply revoked = RUNNING.api().post("/v1/sessions/" + id + "/revoke", "{\"reason\":\"stolen\"}");
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
    assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
    assertThat(RUNNING.api().introspect(token).body()).isEqualTo(INACTIVE);
    assertThat(RUNNING.api().introspect(token("bob", "idp-session-2")).body()).isEqualTo(INACTIVE);
    assertProblem(fromTokenSet("{\"accessToken\":" + ApiClient.quote(token("bob", "idp-session-2"))
        + "}"), 409, "session_not_active");
  }

  @Test
  void aTokenWithoutTheSessionClaimIsInactiveAndCannotOpenASession() {
    String token = IDP.token("acme", "carol", null, CLOCK.instant(), c -> c.claim("sid", null));

    assertThat(RUNNING.api().introspect(token).body()).isEqualTo(INACTIVE);
    assertProblem(fromTokenSet("{\"accessToken\":" + ApiClient.quote(token) + "}"), 400,
        "missing_session_claim");
    assertThat(RUNNING.api().get("/v1/users/carol/sessions?tenantId=acme").json().get("items"))
        .isEmpty();
  }

  @Test
  void aTokenSetOpensItsSessionAndTheIssuersRefreshTokenIsNeverKept() throws IOException {
    String access = token("dave", "idp-session-4");
    String idToken = IDP.token("acme", "dave", null, CLOCK.instant(), c -> c.claim("sid", null));
    String refreshToken = "idp-refresh-" + "r".repeat(40);
    String body = "{\"accessToken\":" + ApiClient.quote(access) + ",\"refreshToken\":"
        + ApiClient.quote(refreshToken) + ",\"idToken\":" + ApiClient.quote(idToken)
        + ",\"tenantId\":\"acme\",\"ip\":\"2001:db8::4\",\"userAgent\":\"curl/8.5.0\"}";

    Reply opened = fromTokenSet(body);

    assertThat(opened.status()).as("%s", opened).isEqualTo(201);
    JsonNode session = opened.json();
    String id = session.get("id").asText();
    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(session.get("tenantId").asText()).isEqualTo("acme");
    assertThat(session.get("userId").asText()).isEqualTo("dave");
    assertThat(session.get("username").asText()).isEqualTo("dave@example.test");
    assertThat(session.get("ip").asText()).isEqualTo("2001:db8::4");
    assertThat(session.get("clientType").asText()).isEqualTo("cli");
    assertThat(session.get("status").asText()).isEqualTo("active");
    assertThat(opened.header("Location")).isEqualTo("/v1/sessions/" + id);
    assertThat(opened.body()).doesNotContain(refreshToken);
    assertThat(RUNNING.api().get(opened.header("Location")).json().get("id").asText()).isEqualTo(id);
    assertThat(introspect(access, null, null, null).get("sid").asText()).isEqualTo(id);

    Reply again = fromTokenSet("{\"accessToken\":" + ApiClient.quote(token("dave", "idp-session-4"))
        + "}");
    assertThat(again.status()).as("%s", again).isEqualTo(201);
    assertThat(again.json().get("id").asText()).as("the same session").isEqualTo(id);
    assertThat(again.json().get("ip").asText()).as("as first recorded").isEqualTo("2001:db8::4");
    assertNotStored(refreshToken);
  }

  @Test
  void tokenSetsThatDoNotVerifyAreInvalidTokens() {
    String access = ApiClient.quote(token("erin", "idp-session-5"));
    String mallory = IDP.token("acme", "mallory", null, CLOCK.instant(), c -> c.claim("sid", null));
    String stranger = STRANGER.token("acme", "erin", "s", CLOCK.instant(), c -> { });
    String own = RUNNING.api().open("{\"tenantId\":\"acme\",\"userId\":\"erin\"}").accessToken();
    String expired = IDP.token("acme", "erin", "idp-session-5", CLOCK.instant().minusSeconds(7200),
        c -> { });
    String otherAudience = IDP.token("acme", "erin", "idp-session-5", CLOCK.instant(),
        c -> c.audience("api://elsewhere"));

    for (String body : List.of(
        "{\"accessToken\":" + access + ",\"idToken\":" + ApiClient.quote(mallory) + "}",
        "{\"accessToken\":" + access + ",\"idToken\":" + ApiClient.quote(stranger) + "}",
        "{\"accessToken\":" + access + ",\"idToken\":\"garbage\"}",
        "{\"accessToken\":\"garbage\"}",
        "{\"accessToken\":" + ApiClient.quote(stranger) + "}",
        "{\"accessToken\":" + ApiClient.quote(own) + "}",
        "{\"accessToken\":" + ApiClient.quote(expired) + "}",
        "{\"accessToken\":" + ApiClient.quote(otherAudience) + "}",
        "{\"accessToken\":" + access + ",\"tenantId\":\"globex\"}")) {
      assertProblem(fromTokenSet(body), 400, "invalid_token");
    }
    assertThat(RUNNING.api().get("/v1/users/erin/sessions?tenantId=acme").json().get("items"))
        .as("only the session opened with sessiond's own API").hasSize(1);
  }

  @Test
  void theCallersTenantPicksTheTenantAndATokenOfAnotherTenantIsInactive() {
    String external = token("frank", "idp-session-6");
    assertThat(introspect(external, "acme", null, null).get("active").asBoolean()).isTrue();
    assertThat(RUNNING.api().post("/v1/introspect", "{\"token\":" + ApiClient.quote(external)
        + ",\"tenantId\":\"globex\"}").body()).isEqualTo(INACTIVE);

    String own = RUNNING.api().open("{\"tenantId\":\"acme\",\"userId\":\"frank\"}").accessToken();
    assertThat(introspect(own, "acme", null, null).get("active").asBoolean()).isTrue();
    assertThat(RUNNING.api().post("/v1/introspect", "{\"token\":" + ApiClient.quote(own)
        + ",\"tenantId\":\"globex\"}").body()).as("tenants are walls").isEqualTo(INACTIVE);

    String shared = SHARED.token("east", "gina", null, CLOCK.instant(), c -> { });
    assertThat(RUNNING.api().introspect(shared).body())
        .as("two tenants trust the issuer: which one is ambiguous").isEqualTo(INACTIVE);
    JsonNode east = introspect(shared, "east", "203.0.113.9", null);
    assertThat(east.get("tid").asText()).isEqualTo("east");
    assertThat(RUNNING.api().post("/v1/introspect", "{\"token\":" + ApiClient.quote(shared)
        + ",\"tenantId\":\"west\"}").body()).as("audience api://east").isEqualTo(INACTIVE);
    assertThat(RUNNING.api().get("/v1/sessions?tenantId=east").json().get("items").get(0)
        .get("ip").asText()).isEqualTo("203.0.113.9");
    assertThat(RUNNING.api().get("/v1/sessions?tenantId=west").json().get("items")).isEmpty();
  }

  @Test
  void expiredAndForeignTokensAreInactiveAndRecordNothing() {
    Date past = Date.from(CLOCK.instant().minus(Duration.ofMinutes(1)));
    String expired = IDP.token("acme", "hank", "idp-session-7", CLOCK.instant().minusSeconds(7200),
        c -> c.expirationTime(past));
    String stranger = STRANGER.token("acme", "hank", "idp-session-7", CLOCK.instant(), c -> { });
    String forged = resign(token("hank", "idp-session-7"));

    for (String token : List.of(expired, stranger, forged)) {
      assertThat(RUNNING.api().introspect(token).body()).isEqualTo(INACTIVE);
      assertThat(RUNNING.api().postForm("/oauth2/introspect", "token=" + token).body())
          .isEqualTo(INACTIVE);
    }
    assertThat(RUNNING.api().get("/v1/users/hank/sessions?tenantId=acme").json().get("items"))
        .isEmpty();
  }

  private static String token(String subject, String sid) {
    return IDP.token("acme", subject, sid, CLOCK.instant(), c -> { });
  }

  /** The claims of {@code token} signed by another key with the same kid. */
  private static String resign(String token) {
    try {
      return STRANGER.sign(com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet());
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode introspect(String token, String tenantId, String ip, String userAgent) {
    ObjectNode body = JSON.createObjectNode().put("token", token);
    if (tenantId != null) {
      body.put("tenantId", tenantId);
    }
    if (ip != null) {
      body.put("ip", ip);
    }
    if (userAgent != null) {
      body.put("userAgent", userAgent);
    }
    Reply reply = RUNNING.api().post("/v1/introspect", body.toString());
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.json();
  }

  private static Reply fromTokenSet(String body) {
    return RUNNING.api().post("/v1/sessions/from-token-set", body);
  }

  private static void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().get("code").asText()).as("%s", reply).isEqualTo(code);
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** No file of the data directory (the SQLite file and its WAL) holds {@code secret}. */
  private static void assertNotStored(String secret) throws IOException {
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(RUNNING.dataDir())) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(text).as("%s", file)
            .doesNotContain(new String(needle, StandardCharsets.ISO_8859_1));
      }
    }
  }
}
