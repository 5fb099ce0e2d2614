package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.server.ApiClient.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends a corpus of bad requests to every endpoint and checks each gets the expected 4xx problem
 * document with the expected code, and never a 500.
 */
class MalformedRequestCorpusTest {
  private static final String JSON = "application/json";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String OPEN_OK = "{\"tenantId\":\"corpus\",\"userId\":\"u1\"}";

  @TempDir
  static Path dataDir;

  private static SessiondServer server;
  private static ApiClient api;
  private static String active;
  private static String revoked;

  @BeforeAll
  static void start() {
    server = SessiondServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
        .dataDir(dataDir).build());
    api = ApiClient.of(server);
    active = api.post("/v1/sessions", OPEN_OK).json().get("session").get("id").asText();
    revoked = api.post("/v1/sessions", OPEN_OK).json().get("session").get("id").asText();
    assertThat(api.post("/v1/sessions/" + revoked + "/revoke", null).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> everyBadRequestGetsItsProblem() {
    return corpus().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  @org.junit.jupiter.api.Test
  void chunkedBodiesAreHeldToTheSameLimit() {
    Reply big = api.postChunked("/v1/sessions", ("{\"tenantId\":\"corpus\",\"userId\":\""
        + "u".repeat(70_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(big.status()).as("%s", big).isEqualTo(413);
    assertThat(big.json().get("code").asText()).isEqualTo("body_too_large");
    Reply small = api.postChunked("/v1/sessions",
        OPEN_OK.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(small.status()).as("%s", small).isEqualTo(201);
    Reply bigForm = api.postChunked("/oauth2/revoke", FORM, ("token=" + "t".repeat(70_000))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(bigForm.status()).as("%s", bigForm).isEqualTo(413);
    assertThat(bigForm.json().get("code").asText()).isEqualTo("body_too_large");
    Reply smallForm = api.postChunked("/oauth2/revoke", FORM,
        "token=unknown".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(smallForm.status()).as("%s", smallForm).isEqualTo(200);
  }

  private static void check(Case c) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (c.contentType() != null) {
      headers.put("Content-Type", c.contentType());
    }
    if (c.auth() != null) {
      headers.put("Authorization", c.auth());
    }
    Reply reply = c.path().contains("%z") || c.path().contains("%%")
        ? api.sendRaw(c.method(), c.path(), c.auth() == null)
        : api.send(c.method(), c.path(), c.body(), headers);
    assertThat(reply.status()).as("%s -> %s", c.name(), reply).isEqualTo(c.status());
    assertThat(reply.status()).isBetween(400, 499);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(problem.path("code").asText()).as("%s -> %s", c.name(), reply).isEqualTo(c.code());
    assertThat(problem.path("type").asText()).isEqualTo("https://sessiond.dev/problems/" + c.code());
    assertThat(problem.path("status").asInt()).isEqualTo(c.status());
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(reply.body()).doesNotContain(server.adminKey()).doesNotContain("Exception")
        .doesNotContain("\tat ");
    if (c.status() == 401) {
      assertThat(reply.headers().entrySet().stream()
          .filter(h -> h.getKey().equalsIgnoreCase("WWW-Authenticate"))
          .flatMap(h -> h.getValue().stream())).anyMatch(v -> v.startsWith("Bearer"));
    }
    if (c.status() == 405) {
      assertThat(reply.header("Allow")).isNotBlank();
    }
  }

  private static List<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    String sessions = "/v1/sessions";
    String touch = sessions + "/" + active + "/touch";
    String revoke = sessions + "/" + active + "/revoke";
    String batch = sessions + "/batch-get";
    String userList = "/v1/users/u1/sessions?tenantId=corpus";
    String userRevoke = "/v1/users/u1/sessions/revoke?tenantId=corpus";

    // Authentication, on every /v1 endpoint.
    Map<String, String> v1 = new LinkedHashMap<>();
    v1.put("POST " + sessions, OPEN_OK);
    v1.put("GET " + sessions + "?tenantId=corpus", null);
    v1.put("POST " + batch, "{\"ids\":[]}");
    v1.put("GET " + sessions + "/" + active, null);
    v1.put("POST " + touch, null);
    v1.put("POST " + revoke, null);
    v1.put("GET " + userList, null);
    v1.put("POST " + userRevoke, null);
    v1.put("POST " + sessions + "/refresh", "{\"refreshToken\":\"x\"}");
    v1.put("POST " + sessions + "/from-token-set", "{\"accessToken\":\"x\"}");
    v1.put("POST /v1/introspect", "{\"token\":\"x\"}");
    v1.put("POST /v1/blacklist", "{\"tenantId\":\"corpus\",\"name\":\"n\",\"ttl\":60}");
    v1.put("GET /v1/blacklist/n?tenantId=corpus", null);
    v1.put("POST /v1/tenants/corpus/sessions/revoke", null);
    v1.put("POST /v1/keys/rotate", null);
    v1.put("GET /v1/no-such-route", null);
    v1.forEach((request, body) -> {
      String[] mp = request.split(" ", 2);
      String ct = body == null ? null : JSON;
      cases.add(new Case("no auth: " + request, mp[0], mp[1], ct, body, "", 401, "unauthorized"));
      cases.add(new Case("wrong key: " + request, mp[0], mp[1], ct, body,
          "Bearer wrong-key-wrong-key-wrong-key", 401, "unauthorized"));
      cases.add(new Case("basic scheme: " + request, mp[0], mp[1], ct, body,
          "Basic YWRtaW46YWRtaW4=", 401, "unauthorized"));
      cases.add(new Case("empty bearer: " + request, mp[0], mp[1], ct, body, "Bearer ", 401,
          "unauthorized"));
    });
    // The OAuth endpoints take Basic (admin key as password) or the bearer key; nothing else.
    for (String path : List.of("/oauth2/introspect", "/oauth2/revoke", "/oauth2/nope")) {
      for (String[] auth : new String[][] {{"no auth", ""},
          {"wrong bearer", "Bearer wrong-key-wrong-key-wrong-key"},
          {"wrong basic", "Basic YWRtaW46YWRtaW4="}, {"empty basic", "Basic "},
          {"basic not base64", "Basic ***"}, {"other scheme", "Digest x"}}) {
        cases.add(new Case(auth[0] + ": POST " + path, "POST", path, FORM, "token=x", auth[1], 401,
            "unauthorized"));
      }
    }

    // Bodies: every endpoint that takes one rejects the same bad bodies the same way.
    for (String[] target : new String[][] {{"open", sessions}, {"batch-get", batch},
        {"touch", touch}, {"revoke", revoke}, {"user revoke", userRevoke},
        {"refresh", sessions + "/refresh"}, {"from-token-set", sessions + "/from-token-set"},
        {"introspect", "/v1/introspect"},
        {"blacklist", "/v1/blacklist"}, {"tenant revoke", "/v1/tenants/corpus/sessions/revoke"},
        {"keys rotate", "/v1/keys/rotate"}}) {
      String name = target[0];
      String path = target[1];
      cases.add(post(name + ": malformed JSON", path, "{\"tenantId\":", 400, "malformed_json"));
      cases.add(post(name + ": not JSON at all", path, "tenantId=acme", 400, "malformed_json"));
      cases.add(post(name + ": array", path, "[]", 400, "malformed_json"));
      cases.add(post(name + ": string", path, "\"x\"", 400, "malformed_json"));
      cases.add(post(name + ": number", path, "5", 400, "malformed_json"));
      cases.add(post(name + ": null", path, "null", 400, "malformed_json"));
      cases.add(post(name + ": true", path, "true", 400, "malformed_json"));
      cases.add(post(name + ": trailing content", path, "{} {}", 400, "malformed_json"));
      cases.add(post(name + ": duplicate member", path, "{\"a\":1,\"a\":2}", 400, "malformed_json"));
      cases.add(post(name + ": comment", path, "/* c */ {}", 400, "malformed_json"));
      cases.add(post(name + ": deep nesting", path, "[".repeat(5000) + "]".repeat(5000), 400,
          "malformed_json"));
      cases.add(post(name + ": unknown member", path, "{\"bogus\":1}", 400, "unknown_field"));
      cases.add(post(name + ": oversize", path,
          "{\"reason\":\"" + "x".repeat(70_000) + "\"}", 413, "body_too_large"));
      cases.add(new Case(name + ": text/plain", "POST", path, "text/plain", "{}", null, 415,
          "unsupported_media_type"));
      cases.add(new Case(name + ": no content type", "POST", path, null, "{}", null, 415,
          "unsupported_media_type"));
      cases.add(new Case(name + ": form", "POST", path, "application/x-www-form-urlencoded",
          "a=b", null, 415, "unsupported_media_type"));
      cases.add(new Case(name + ": latin-1 JSON", "POST", path, "application/json; charset=iso-8859-1",
          "{}", null, 415, "unsupported_media_type"));
      cases.add(new Case(name + ": unknown query parameter", "POST",
          path + (path.contains("?") ? "&" : "?") + "debug=1", JSON, "{}", null, 400, "unknown_field"));
    }

    // Open: wrong types, missing and invalid fields.
    cases.add(post("open: no body", sessions, null, 400, "malformed_json"));
    cases.add(post("open: empty object", sessions, "{}", 400, "missing_field"));
    cases.add(post("open: no userId", sessions, "{\"tenantId\":\"t\"}", 400, "missing_field"));
    cases.add(post("open: no tenantId", sessions, "{\"userId\":\"u\"}", 400, "missing_field"));
    cases.add(post("open: null tenantId", sessions, "{\"tenantId\":null,\"userId\":\"u\"}", 400,
        "missing_field"));
    cases.add(post("open: blank userId", sessions, "{\"tenantId\":\"t\",\"userId\":\"  \"}", 400,
        "missing_field"));
    cases.add(open("tenantId number", "\"tenantId\":5", "invalid_field"));
    cases.add(open("userId boolean", "\"tenantId\":\"t\",\"userId\":true", "invalid_field"));
    cases.add(open("userId object", "\"tenantId\":\"t\",\"userId\":{}", "invalid_field"));
    cases.add(openWith("roles number", "\"roles\":5", "invalid_field"));
    cases.add(openWith("roles string", "\"roles\":\"admin\"", "invalid_field"));
    cases.add(openWith("roles of numbers", "\"roles\":[1]", "invalid_field"));
    cases.add(openWith("roles of objects", "\"roles\":[{}]", "invalid_field"));
    cases.add(openWith("empty role", "\"roles\":[\"\"]", "missing_field"));
    cases.add(openWith("too many roles", "\"roles\":[" + IntStream.range(0, 65)
        .mapToObj(i -> "\"r" + i + "\"").collect(Collectors.joining(",")) + "]", "invalid_field"));
    cases.add(openWith("roles empty string", "\"roles\":\"\"", "invalid_field"));
    cases.add(openWith("roles float", "\"roles\":1.5", "invalid_field"));
    cases.add(openWith("username float", "\"username\":1.5", "invalid_field"));
    cases.add(openWith("attributes empty string", "\"attributes\":\"\"", "invalid_field"));
    cases.add(openWith("attributes array", "\"attributes\":[]", "invalid_field"));
    cases.add(openWith("attribute number", "\"attributes\":{\"a\":1}", "invalid_field"));
    cases.add(openWith("attribute null", "\"attributes\":{\"a\":null}", "invalid_field"));
    cases.add(openWith("clientType number", "\"clientType\":3", "invalid_field"));
    cases.add(openWith("clientType upper case", "\"clientType\":\"WEB\"", "invalid_field"));
    cases.add(openWith("clientType unknown", "\"clientType\":\"robot\"", "invalid_field"));
    cases.add(openWith("ip not an address", "\"ip\":\"not-an-ip\"", "invalid_field"));
    cases.add(openWith("ip host name", "\"ip\":\"localhost\"", "invalid_field"));
    cases.add(openWith("ip array", "\"ip\":[]", "invalid_field"));
    cases.add(openWith("username too long", "\"username\":\"" + "u".repeat(257) + "\"", "invalid_field"));
    cases.add(openWith("username control char", "\"username\":\"a\\u0000b\"", "invalid_field"));
    cases.add(openWith("userAgent number", "\"userAgent\":7", "invalid_field"));
    cases.add(open("tenantId with space", "\"tenantId\":\"bad tenant\",\"userId\":\"u\"", "invalid_field"));
    cases.add(open("userId too long", "\"tenantId\":\"t\",\"userId\":\"" + "u".repeat(129) + "\"",
        "invalid_field"));

    // Session ids in the path.
    for (String[] bad : new String[][] {{"short", "abc"}, {"upper case", "AB".repeat(32)},
        {"63 chars", "a".repeat(63)}, {"65 chars", "a".repeat(65)}, {"non-hex", "zz".repeat(32)},
        {"encoded space", "a%20b"}}) {
      cases.add(get("get: id " + bad[0], sessions + "/" + bad[1], 400, "invalid_session_id"));
      cases.add(post("touch: id " + bad[0], sessions + "/" + bad[1] + "/touch", null, 400,
          "invalid_session_id"));
      cases.add(post("revoke: id " + bad[0], sessions + "/" + bad[1] + "/revoke", null, 400,
          "invalid_session_id"));
    }
    String unknown = "0f".repeat(32);
    cases.add(get("get: unknown id", sessions + "/" + unknown, 404, "session_not_found"));
    cases.add(post("touch: unknown id", sessions + "/" + unknown + "/touch", null, 404,
        "session_not_found"));
    cases.add(post("revoke: unknown id", sessions + "/" + unknown + "/revoke", null, 404,
        "session_not_found"));
    cases.add(post("touch: revoked session", sessions + "/" + revoked + "/touch", null, 409,
        "session_not_active"));
    cases.add(get("get: unknown query parameter", sessions + "/" + active + "?x=1", 400, "unknown_field"));

    // Revoke bodies.
    for (String path : List.of(revoke, userRevoke)) {
      cases.add(post("reason number: " + path, path, "{\"reason\":5}", 400, "invalid_field"));
      cases.add(post("reason array: " + path, path, "{\"reason\":[]}", 400, "invalid_field"));
      cases.add(post("reason too long: " + path, path, "{\"reason\":\"" + "r".repeat(129) + "\"}",
          400, "invalid_field"));
      cases.add(post("reason control char: " + path, path, "{\"reason\":\"a\\nb\"}", 400,
          "invalid_field"));
    }

    // Refresh.
    String refresh = sessions + "/refresh";
    cases.add(post("refresh: no body", refresh, null, 400, "malformed_json"));
    cases.add(post("refresh: empty object", refresh, "{}", 400, "missing_field"));
    cases.add(post("refresh: null token", refresh, "{\"refreshToken\":null}", 400, "missing_field"));
    cases.add(post("refresh: empty token", refresh, "{\"refreshToken\":\"\"}", 400, "missing_field"));
    cases.add(post("refresh: number", refresh, "{\"refreshToken\":5}", 400, "invalid_field"));
    cases.add(post("refresh: array", refresh, "{\"refreshToken\":[\"x\"]}", 400, "invalid_field"));
    cases.add(post("refresh: snake case", refresh, "{\"refresh_token\":\"x\"}", 400, "unknown_field"));
    cases.add(post("refresh: garbage", refresh, "{\"refreshToken\":\"garbage\"}", 400,
        "invalid_refresh_token"));
    cases.add(post("refresh: unknown", refresh, "{\"refreshToken\":\"" + "A".repeat(43) + "\"}", 400,
        "invalid_refresh_token"));

    // Introspect (the token corpus is in IntrospectionCorpusTest).
    cases.add(post("introspect: no body", "/v1/introspect", null, 400, "malformed_json"));
    cases.add(post("introspect: no token", "/v1/introspect", "{}", 400, "missing_field"));
    cases.add(post("introspect: number", "/v1/introspect", "{\"token\":5}", 400, "invalid_field"));
    for (String[] member : new String[][] {{"tenantId", "5"}, {"tenantId", "[\"corpus\"]"},
        {"tenantId", "\"a b\""}, {"tenantId", "\"" + "t".repeat(65) + "\""}, {"ip", "[]"},
        {"ip", "7"}, {"ip", "\"not-an-ip\""}, {"ip", "\"localhost\""}, {"ip", "\"10.0.0.256\""},
        {"userAgent", "{}"}, {"userAgent", "true"}, {"userAgent", "\"" + "a".repeat(1025) + "\""},
        {"userAgent", "\"a\\u0000b\""}}) {
      cases.add(post("introspect: " + member[0] + " " + abbreviate(member[1]), "/v1/introspect",
          "{\"token\":\"x\",\"" + member[0] + "\":" + member[1] + "}", 400, "invalid_field"));
    }

    // Open from a token set (the server trusts no external issuer: every token is invalid).
    String tokenSet = sessions + "/from-token-set";
    cases.add(post("from-token-set: no body", tokenSet, null, 400, "malformed_json"));
    cases.add(post("from-token-set: empty object", tokenSet, "{}", 400, "missing_field"));
    cases.add(post("from-token-set: null accessToken", tokenSet, "{\"accessToken\":null}", 400,
        "missing_field"));
    cases.add(post("from-token-set: empty accessToken", tokenSet, "{\"accessToken\":\"\"}", 400,
        "missing_field"));
    cases.add(post("from-token-set: blank accessToken", tokenSet, "{\"accessToken\":\" \"}", 400,
        "missing_field"));
    cases.add(post("from-token-set: only a refresh token", tokenSet, "{\"refreshToken\":\"r\"}",
        400, "missing_field"));
    cases.add(post("from-token-set: accessToken too long", tokenSet, "{\"accessToken\":\""
        + "a".repeat(8193) + "\"}", 400, "invalid_field"));
    cases.add(post("from-token-set: snake case", tokenSet, "{\"access_token\":\"x\"}", 400,
        "unknown_field"));
    for (String[] member : new String[][] {{"accessToken", "5"}, {"accessToken", "[\"x\"]"},
        {"refreshToken", "5"}, {"refreshToken", "{}"}, {"idToken", "[]"}, {"idToken", "false"},
        {"tenantId", "5"}, {"tenantId", "\"a b\""}, {"ip", "[]"}, {"ip", "\"nope\""},
        {"userAgent", "{}"}, {"userAgent", "\"" + "a".repeat(1025) + "\""}}) {
      String members = member[0].equals("accessToken")
          ? "\"accessToken\":" + member[1] : "\"accessToken\":\"x\",\"" + member[0] + "\":" + member[1];
      cases.add(post("from-token-set: " + member[0] + " " + abbreviate(member[1]), tokenSet,
          "{" + members + "}", 400, "invalid_field"));
    }
    cases.add(post("from-token-set: garbage", tokenSet, "{\"accessToken\":\"garbage\"}", 400,
        "invalid_token"));
    cases.add(post("from-token-set: an opaque string", tokenSet,
        "{\"accessToken\":\"" + "A".repeat(43) + "\"}", 400, "invalid_token"));

    // Blacklist.
    String blacklist = "/v1/blacklist";
    cases.add(post("blacklist: no body", blacklist, null, 400, "malformed_json"));
    cases.add(post("blacklist: empty object", blacklist, "{}", 400, "missing_field"));
    cases.add(blacklist("no tenantId", "\"name\":\"n\",\"ttl\":60", "missing_field"));
    cases.add(blacklist("no name", "\"tenantId\":\"corpus\",\"ttl\":60", "missing_field"));
    cases.add(blacklist("blank name", "\"tenantId\":\"corpus\",\"name\":\" \",\"ttl\":60",
        "missing_field"));
    cases.add(blacklist("no ttl", "\"tenantId\":\"corpus\",\"name\":\"n\"", "missing_field"));
    cases.add(blacklist("null ttl", "\"tenantId\":\"corpus\",\"name\":\"n\",\"ttl\":null",
        "missing_field"));
    for (String ttl : List.of("0", "-1", "-99999999999999999999", "\"60\"", "1.5", "1e3", "true",
        "[]", "{}", "31622401", "99999999999999999999999")) {
      cases.add(blacklist("ttl " + ttl, "\"tenantId\":\"corpus\",\"name\":\"n\",\"ttl\":" + ttl,
          "invalid_field"));
    }
    cases.add(blacklist("name number", "\"tenantId\":\"corpus\",\"name\":5,\"ttl\":60",
        "invalid_field"));
    cases.add(blacklist("name too long", "\"tenantId\":\"corpus\",\"name\":\"" + "n".repeat(257)
        + "\",\"ttl\":60", "invalid_field"));
    cases.add(blacklist("name control char", "\"tenantId\":\"corpus\",\"name\":\"a\\u0001b\","
        + "\"ttl\":60", "invalid_field"));
    cases.add(blacklist("bad tenantId", "\"tenantId\":\"a b\",\"name\":\"n\",\"ttl\":60",
        "invalid_field"));
    cases.add(blacklist("tenantId number", "\"tenantId\":5,\"name\":\"n\",\"ttl\":60",
        "invalid_field"));
    cases.add(get("blacklist get: no tenantId", blacklist + "/n", 400, "missing_field"));
    cases.add(get("blacklist get: bad tenantId", blacklist + "/n?tenantId=a%20b", 400, "invalid_field"));
    cases.add(get("blacklist get: unknown parameter", blacklist + "/n?tenantId=corpus&ttl=5", 400,
        "unknown_field"));
    cases.add(get("blacklist get: name too long", blacklist + "/" + "n".repeat(257)
        + "?tenantId=corpus", 400, "invalid_field"));
    cases.add(get("blacklist get: name control char", blacklist + "/a%01b?tenantId=corpus", 400,
        "invalid_field"));
    cases.add(get("blacklist get: bad escape", blacklist + "/%zz?tenantId=corpus", 400,
        "invalid_field"));

    // Tenant revoke-all.
    String tenantRevoke = "/v1/tenants/corpus/sessions/revoke";
    cases.add(post("tenant revoke: bad tenantId", "/v1/tenants/a%20b/sessions/revoke", null, 400,
        "invalid_field"));
    cases.add(post("tenant revoke: tenantId too long", "/v1/tenants/" + "t".repeat(65)
        + "/sessions/revoke", null, 400, "invalid_field"));
    cases.add(post("tenant revoke: reason number", tenantRevoke, "{\"reason\":5}", 400, "invalid_field"));
    cases.add(post("tenant revoke: reason too long", tenantRevoke, "{\"reason\":\"" + "r".repeat(129)
        + "\"}", 400, "invalid_field"));

    // Key rotation.
    for (String algorithm : List.of("\"HS256\"", "\"none\"", "\"\"", "\"Ed25519\"", "5", "[\"EdDSA\"]",
        "{}", "true")) {
      cases.add(post("keys rotate: algorithm " + algorithm, "/v1/keys/rotate",
          "{\"algorithm\":" + algorithm + "}", 400, "invalid_field"));
    }

    // OAuth endpoints: form bodies only.
    for (String path : List.of("/oauth2/introspect", "/oauth2/revoke")) {
      cases.add(new Case(path + ": JSON body", "POST", path, JSON, "{\"token\":\"x\"}", null, 415,
          "unsupported_media_type"));
      cases.add(new Case(path + ": text/plain", "POST", path, "text/plain", "token=x", null, 415,
          "unsupported_media_type"));
      cases.add(new Case(path + ": no content type", "POST", path, null, "token=x", null, 415,
          "unsupported_media_type"));
      cases.add(new Case(path + ": multipart", "POST", path, "multipart/form-data; boundary=x",
          "--x--", null, 415, "unsupported_media_type"));
      cases.add(new Case(path + ": latin-1 form", "POST", path, FORM + "; charset=iso-8859-1",
          "token=x", null, 415, "unsupported_media_type"));
      cases.add(form(path + ": no body", path, null, 400, "missing_field"));
      cases.add(form(path + ": no token", path, "token_type_hint=access_token", 400, "missing_field"));
      cases.add(form(path + ": empty token", path, "token=", 400, "missing_field"));
      cases.add(form(path + ": bare token name", path, "token", 400, "missing_field"));
      cases.add(form(path + ": token twice", path, "token=a&token=b", 400, "invalid_field"));
      cases.add(form(path + ": bad escape", path, "token=%zz", 400, "invalid_field"));
      cases.add(form(path + ": truncated escape", path, "token=%4", 400, "invalid_field"));
      cases.add(form(path + ": oversize", path, "token=" + "t".repeat(70_000), 413, "body_too_large"));
      cases.add(form(path + ": unknown query parameter", path + "?token=x", "token=x", 400,
          "unknown_field"));
    }

    // Search parameters.
    cases.add(get("search: no tenantId", sessions, 400, "missing_field"));
    cases.add(get("search: bad tenantId", sessions + "?tenantId=bad%20tenant", 400, "invalid_field"));
    cases.add(get("search: tenantId twice", sessions + "?tenantId=a&tenantId=b", 400, "invalid_field"));
    for (String size : List.of("abc", "0", "101", "-1", "1.5", "", "99999999999", "%20")) {
      cases.add(get("search: pageSize '" + size + "'", sessions + "?tenantId=corpus&pageSize=" + size,
          400, "invalid_page_size"));
    }
    cases.add(get("search: clientType unknown", sessions + "?tenantId=corpus&clientType=robot", 400,
        "invalid_field"));
    cases.add(get("search: clientType upper case", sessions + "?tenantId=corpus&clientType=WEB", 400,
        "invalid_field"));
    cases.add(get("search: status unknown", sessions + "?tenantId=corpus&status=alive", 400,
        "invalid_field"));
    cases.add(get("search: status any", sessions + "?tenantId=corpus&status=any", 400,
        "invalid_field"));
    cases.add(get("search: page token garbage", sessions + "?tenantId=corpus&pageToken=garbage", 400,
        "invalid_page_token"));
    cases.add(get("search: page token too long", sessions + "?tenantId=corpus&pageToken="
        + "A".repeat(300), 400, "invalid_page_token"));
    cases.add(get("search: ip not an address", sessions + "?tenantId=corpus&ip=nope", 400,
        "invalid_field"));
    cases.add(get("search: ipPrefix not an address", sessions + "?tenantId=corpus&ipPrefix=10.*", 400,
        "invalid_field"));
    cases.add(get("search: unknown parameter", sessions + "?tenantId=corpus&user=alice", 400,
        "unknown_field"));
    cases.add(get("search: bad escape", sessions + "?tenantId=%zz", 400, "invalid_field"));
    cases.add(get("search: bad escape in name", sessions + "?%zz=1", 400, "invalid_field"));
    cases.add(get("get: bad escape in id", sessions + "/%zz", 400, "invalid_field"));
    cases.add(get("user list: bad escape in userId", "/v1/users/%zz/sessions?tenantId=corpus", 400,
        "invalid_field"));
    cases.add(get("bad escape in unknown route", "/v1/%%zz", 400, "invalid_field"));

    // Batch get.
    cases.add(post("batch: no body", batch, null, 400, "malformed_json"));
    cases.add(post("batch: no ids", batch, "{}", 400, "missing_field"));
    cases.add(post("batch: ids null", batch, "{\"ids\":null}", 400, "missing_field"));
    cases.add(post("batch: ids string", batch, "{\"ids\":\"x\"}", 400, "invalid_field"));
    cases.add(post("batch: ids object", batch, "{\"ids\":{}}", 400, "invalid_field"));
    cases.add(post("batch: ids of numbers", batch, "{\"ids\":[1]}", 400, "invalid_field"));
    cases.add(post("batch: ids of arrays", batch, "{\"ids\":[[]]}", 400, "invalid_field"));
    cases.add(post("batch: malformed id", batch, "{\"ids\":[\"abc\"]}", 400, "invalid_session_id"));
    cases.add(post("batch: null id", batch, "{\"ids\":[null]}", 400, "invalid_session_id"));
    cases.add(post("batch: good and malformed ids", batch, "{\"ids\":[\"" + active + "\",\""
        + active.toUpperCase() + "\"]}", 400, "invalid_session_id"));
    cases.add(post("batch: 101 ids", batch, "{\"ids\":[" + IntStream.range(0, 101)
        .mapToObj(i -> "\"" + unknown + "\"").collect(Collectors.joining(",")) + "]}", 400,
        "too_many_ids"));
    cases.add(post("batch: tenantId number", batch, "{\"tenantId\":5,\"ids\":[]}", 400,
        "invalid_field"));
    cases.add(post("batch: bad tenantId", batch, "{\"tenantId\":\"a b\",\"ids\":[]}", 400,
        "invalid_field"));

    // A user's sessions.
    cases.add(get("user list: no tenantId", "/v1/users/u1/sessions", 400, "missing_field"));
    cases.add(get("user list: bad status", userList + "&status=alive", 400, "invalid_field"));
    cases.add(get("user list: unknown parameter", userList + "&pageSize=5", 400, "unknown_field"));
    cases.add(get("user list: userId too long", "/v1/users/" + "u".repeat(129)
        + "/sessions?tenantId=corpus", 400, "invalid_field"));
    cases.add(get("user list: userId control char", "/v1/users/a%01b/sessions?tenantId=corpus", 400,
        "invalid_field"));
    cases.add(post("user revoke: no tenantId", "/v1/users/u1/sessions/revoke", null, 400,
        "missing_field"));
    cases.add(post("user revoke: bad tenantId", "/v1/users/u1/sessions/revoke?tenantId=a%20b", null,
        400, "invalid_field"));

    // Routing.
    cases.add(get("unknown route", "/v1/nope", 404, "not_found"));
    cases.add(get("unknown route, no auth needed to learn it is unknown", "/nope", 404, "not_found"));
    cases.add(get("unknown sub-resource", sessions + "/" + active + "/extra", 404, "not_found"));
    cases.add(get("unknown user sub-resource", "/v1/users/u1/sessions/x/y", 404, "not_found"));
    cases.add(method("DELETE", sessions));
    cases.add(method("PUT", sessions));
    cases.add(method("GET", batch));
    cases.add(method("DELETE", sessions + "/" + active));
    cases.add(method("PATCH", sessions + "/" + active));
    cases.add(method("GET", touch));
    cases.add(method("GET", revoke));
    cases.add(method("DELETE", userList));
    cases.add(method("GET", userRevoke));
    cases.add(method("GET", sessions + "/refresh"));
    cases.add(method("GET", sessions + "/from-token-set"));
    cases.add(method("PUT", sessions + "/from-token-set"));
    cases.add(method("GET", "/v1/introspect"));
    cases.add(method("DELETE", "/v1/blacklist"));
    cases.add(method("POST", "/v1/blacklist/n?tenantId=corpus"));
    cases.add(method("DELETE", "/v1/blacklist/n?tenantId=corpus"));
    cases.add(method("GET", "/v1/tenants/corpus/sessions/revoke"));
    cases.add(method("GET", "/v1/keys/rotate"));
    cases.add(method("GET", "/oauth2/introspect"));
    cases.add(method("GET", "/oauth2/revoke"));
    cases.add(new Case("POST /.well-known/jwks.json", "POST", "/.well-known/jwks.json", null, null,
        "", 405, "method_not_allowed"));
    cases.add(new Case("jwks: unknown query parameter", "GET", "/.well-known/jwks.json?x=1", null,
        null, "", 400, "unknown_field"));
    cases.add(new Case("unknown OAuth route", "POST", "/oauth2/token", FORM, "grant_type=x", null,
        404, "not_found"));
    cases.add(new Case("POST /healthz", "POST", "/healthz", null, null, "", 405,
        "method_not_allowed"));
    cases.add(new Case("DELETE /openapi.json", "DELETE", "/openapi.json", null, null, "", 405,
        "method_not_allowed"));
    return cases;
  }

  private static String abbreviate(String json) {
    return json.length() > 20 ? json.substring(0, 12) + "...(" + json.length() + ")" : json;
  }

  private static Case get(String name, String path, int status, String code) {
    return new Case(name, "GET", path, null, null, null, status, code);
  }

  private static Case post(String name, String path, String body, int status, String code) {
    return new Case(name, "POST", path, body == null ? null : JSON, body, null, status, code);
  }

  private static Case open(String name, String members, String code) {
    return post("open: " + name, "/v1/sessions", "{" + members + "}", 400, code);
  }

  private static Case openWith(String name, String member, String code) {
    return open(name, "\"tenantId\":\"t\",\"userId\":\"u\"," + member, code);
  }

  private static Case form(String name, String path, String body, int status, String code) {
    return new Case(name, "POST", path, body == null ? null : FORM, body, null, status, code);
  }

  private static Case blacklist(String name, String members, String code) {
    return post("blacklist: " + name, "/v1/blacklist", "{" + members + "}", 400, code);
  }

  private static Case method(String method, String path) {
    return new Case(method + " " + path, method, path, null, null, null, 405, "method_not_allowed");
  }

  /**
   * One bad request and what it must get.
   *
   * @param auth {@code null} for the admin key, {@code ""} for none, else the raw header
   */
  private record Case(String name, String method, String path, String contentType, String body,
      String auth, int status, String code) {}
}
