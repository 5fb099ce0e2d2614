package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiond.ManualClock;
import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of token that must not verify, sent to {@code POST /v1/introspect} and {@code POST
 * /oauth2/introspect}: each answers 200 with exactly {@code {"active":false}}, never a 500 or a
 * trace. Bodies that carry no token string at all are 400 problems.
 */
class IntrospectionCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INACTIVE = "{\"active\":false}";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  @TempDir
  static Path dataDir;
  @TempDir
  static Path otherDataDir;

  private static SessiondServer server;
  private static ApiClient api;
  private static Opened good;
  private static String wrongIssuer;
  private static String otherDeployment;

  /**
   * A server with issuer {@code other-issuer} runs first on the same data directory, so the main
   * server holds the very key that signed its token: only the issuer differs. Another server on
   * its own data directory (its own keys, same issuer) stands for another deployment.
   */
  @BeforeAll
  static void start() {
    ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    try (SessiondServer other = SessiondServer.start(config(dataDir).issuer("other-issuer").build(), clock)) {
      wrongIssuer = ApiClient.of(other).open("{\"tenantId\":\"corpus\",\"userId\":\"u1\"}").accessToken();
    }
    try (SessiondServer elsewhere = SessiondServer.start(config(otherDataDir).build(), clock)) {
      otherDeployment = ApiClient.of(elsewhere).open("{\"tenantId\":\"corpus\",\"userId\":\"u1\"}")
          .accessToken();
    }
    server = SessiondServer.start(config(dataDir).build(), clock);
    api = ApiClient.of(server);
    good = api.open("{\"tenantId\":\"corpus\",\"userId\":\"u1\",\"username\":\"u\"}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theControlsAreActiveAndDifferOnlyWhereTheCaseSays() throws Exception {
    JsonNode active = api.introspect(good.accessToken()).json();
    assertThat(active.get("active").asBoolean()).isTrue();
    assertThat(active.get("sid").asText()).isEqualTo(good.id());
    assertThat(active.get("token_type").asText()).isEqualTo("Bearer");
    Reply form = api.postForm("/oauth2/introspect", "token=" + good.accessToken());
    assertThat(form.json()).isEqualTo(active);

    assertThat(header(wrongIssuer).get("kid")).as("same key as the server's own tokens")
        .isEqualTo(header(good.accessToken()).get("kid"));
    assertThat(payload(wrongIssuer).get("iss").asText()).isEqualTo("other-issuer");
    assertThat(header(otherDeployment).get("kid")).isNotEqualTo(header(good.accessToken()).get("kid"));
    assertThat(payload(otherDeployment).get("iss").asText()).isEqualTo("sessiond");
  }

  @TestFactory
  Stream<DynamicTest> everyBadTokenIsInactiveOnBothEndpoints() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String[] c : corpus()) {
      tests.add(DynamicTest.dynamicTest("/v1/introspect: " + c[0],
          () -> assertInactive(api.introspect(c[1]))));
      if (!c[1].isEmpty()) {
        tests.add(DynamicTest.dynamicTest("/oauth2/introspect: " + c[0], () -> assertInactive(
            api.postForm("/oauth2/introspect", "token=" + URLEncoder.encode(c[1], StandardCharsets.UTF_8)
                + "&token_type_hint=access_token"))));
      }
    }
    return tests.stream();
  }

  @Test
  void anotherTenantsTokenIsInactiveInThisTenantsContext() {
    String body = "{\"token\":\"" + good.accessToken() + "\",\"tenantId\":\"another-tenant\"}";
    assertInactive(api.post("/v1/introspect", body));
    String own = "{\"token\":\"" + good.accessToken() + "\",\"tenantId\":\"corpus\"}";
    assertThat(api.post("/v1/introspect", own).json().get("active").asBoolean()).isTrue();
  }

  @TestFactory
  Stream<DynamicTest> bodiesWithoutATokenStringAreProblems() {
    String[][] cases = {
        {"number", "{\"token\":5}", "invalid_field"},
        {"boolean", "{\"token\":true}", "invalid_field"},
        {"array", "{\"token\":[\"a\"]}", "invalid_field"},
        {"object", "{\"token\":{}}", "invalid_field"},
        {"float", "{\"token\":1.5}", "invalid_field"},
        {"null", "{\"token\":null}", "missing_field"},
        {"absent", "{}", "missing_field"},
        {"another member", "{\"access_token\":\"x\"}", "unknown_field"},
        {"not JSON", "token=x", "malformed_json"},
    };
    return Stream.of(cases).map(c -> DynamicTest.dynamicTest(c[0], () -> {
      Reply reply = api.post("/v1/introspect", c[1]);
      assertThat(reply.status()).as("%s", reply).isEqualTo(400);
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(reply.json().get("code").asText()).isEqualTo(c[2]);
      assertNoInternals(reply);
    }));
  }

  @Test
  void anExpiredTokenIsInactive(@TempDir Path ownDir) {
    ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
    try (SessiondServer own = SessiondServer.start(config(ownDir).build(), clock)) {
      ApiClient ownApi = ApiClient.of(own);
      Opened opened = ownApi.open("{\"tenantId\":\"corpus\",\"userId\":\"u1\"}");
      clock.advance(Duration.ofMinutes(5).minusSeconds(1));
      assertThat(ownApi.introspect(opened.accessToken()).json().get("active").asBoolean()).isTrue();
      clock.advance(Duration.ofSeconds(1));
      assertInactive(ownApi.introspect(opened.accessToken()));
      assertInactive(ownApi.postForm("/oauth2/introspect", "token=" + opened.accessToken()));
    }
  }

  /** {name, token} pairs. */
  private static List<String[]> corpus() throws Exception {
    String token = good.accessToken();
    String[] parts = token.split("\\.");
    byte[] signature = UNB64.decode(parts[2]);
    signature[signature.length / 2] ^= 0x01;
    String flipped = parts[0] + "." + parts[1] + "." + B64.encodeToString(signature);

    ObjectNode none = (ObjectNode) header(token).deepCopy();
    none.put("alg", "none");
    String noneHeader = b64(none.toString());

    ObjectNode hs = (ObjectNode) header(token).deepCopy();
    hs.put("alg", "HS256");
    String hsInput = b64(hs.toString()) + "." + parts[1];
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(publicKeyBytes(header(token).get("kid").asText()), "HmacSHA256"));
    String keyConfusion = hsInput + "." + B64.encodeToString(mac.doFinal(hsInput.getBytes(StandardCharsets.US_ASCII)));

    ObjectNode otherSubject = (ObjectNode) payload(token).deepCopy();
    otherSubject.put("sub", "someone-else");
    String tamperedPayload = parts[0] + "." + b64(otherSubject.toString()) + "." + parts[2];

    ObjectNode otherKid = (ObjectNode) header(token).deepCopy();
    otherKid.put("kid", "no-such-key");
    String unknownKid = b64(otherKid.toString()) + "." + parts[1] + "." + parts[2];

    Random random = new Random(42);
    StringBuilder junk = new StringBuilder();
    while (junk.length() < 8192) {
      junk.append((char) (0x21 + random.nextInt(0x5e)));
    }

    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"unknown opaque string", "unknown-token"});
    cases.add(new String[] {"random base64url", B64.encodeToString(new byte[32])});
    cases.add(new String[] {"a refresh token", good.refreshToken()});
    cases.add(new String[] {"three dots", "a.b.c"});
    cases.add(new String[] {"only dots", "..."});
    cases.add(new String[] {"empty JSON parts", b64("{}") + "." + b64("{}") + "."});
    cases.add(new String[] {"header only", parts[0]});
    cases.add(new String[] {"truncated", token.substring(0, token.length() / 2)});
    cases.add(new String[] {"no signature", parts[0] + "." + parts[1] + "."});
    cases.add(new String[] {"extra segment", token + ".x"});
    cases.add(new String[] {"wrongly signed (a flipped signature byte)", flipped});
    cases.add(new String[] {"tampered payload", tamperedPayload});
    cases.add(new String[] {"unknown kid", unknownKid});
    cases.add(new String[] {"alg none", noneHeader + "." + parts[1] + "."});
    cases.add(new String[] {"alg none with the old signature", noneHeader + "." + parts[1] + "." + parts[2]});
    cases.add(new String[] {"HS256 keyed with the public key", keyConfusion});
    cases.add(new String[] {"wrong issuer, same key", wrongIssuer});
    cases.add(new String[] {"another deployment's token", otherDeployment});
    cases.add(new String[] {"empty string", ""});
    cases.add(new String[] {"8 KB of junk", junk.toString()});
    cases.add(new String[] {"a token buried in 9 KB", token + "." + "A".repeat(9000)});
    cases.add(new String[] {"NUL", "\u0000"});
    cases.add(new String[] {"non-ASCII", "\u00e9\u4e2d\ud83d\ude42".repeat(50)});
    cases.add(new String[] {"whitespace", " \t\n "});
    return cases;
  }

  private static void assertInactive(Reply reply) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.body()).isEqualTo(INACTIVE);
    assertNoInternals(reply);
  }

  private static void assertNoInternals(Reply reply) {
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ")
        .doesNotContain(server.adminKey());
  }

  private static ServerConfig.Builder config(Path dir) {
    return ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dir);
  }

  private static byte[] publicKeyBytes(String kid) throws Exception {
    JsonNode keys = JSON.readTree(api.get("/.well-known/jwks.json").body()).get("keys");
    for (JsonNode key : keys) {
      if (key.get("kid").asText().equals(kid)) {
        return key.toString().getBytes(StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("kid " + kid + " is not in the JWKS");
  }

  private static String b64(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode header(String jwt) throws Exception {
    return JSON.readTree(UNB64.decode(jwt.split("\\.")[0]));
  }

  private static JsonNode payload(String jwt) throws Exception {
    return JSON.readTree(UNB64.decode(jwt.split("\\.")[1]));
  }
}
