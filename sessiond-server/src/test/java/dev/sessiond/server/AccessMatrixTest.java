package dev.sessiond.server;

import static dev.sessiond.server.Callers.GLOBAL_ADMIN;
import static dev.sessiond.server.Callers.ORG_ADMIN;
import static dev.sessiond.server.ReplyAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import dev.sessiond.server.Callers.Key;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what, over HTTP: every {@code /v1} route and both OAuth routes, called by each kind
 * of caller, answer as {@code docs/access.md} designs it. A method the caller lacks is 403 {@code
 * method_not_permitted}; a tenant outside its walls is 403 {@code tenant_not_permitted}; a session
 * outside its walls is exactly a missing one; everything else succeeds. A call that is refused
 * changes nothing: the session it aimed at still works afterwards.
 *
 * <p>Each cell of the matrix runs in tenants of its own ({@code acme-<n>}, the caller's tenant, and
 * {@code beta-<n>}, a foreign one), so no cell sees another's writes.
 */
class AccessMatrixTest {
  @RegisterExtension
  static final RunningServer RUNNING = RunningServer.onSqlite();

  private static final AtomicInteger CELLS = new AtomicInteger();

  /** The callers, in the order of the table's columns. */
  enum Kind {
    ADMIN_KEY("admin key"),
    READ_ONLY_KEY("read-only key of acme"),
    FULL_KEY("full key of acme"),
    ALL_TENANT_GET_KEY("sessions.get key of every tenant"),
    END_USER("end user of acme"),
    ORG_ADMIN_OF_ACME("org admin of acme"),
    GLOBAL_ADMIN_NO_GRANT("global admin, no grant"),
    GLOBAL_ADMIN_GRANTED("global admin, acme granted");

    private final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  private static final Expect OK = Expect.success("2xx", false, true);
  private static final Expect ENDS = Expect.success("2xx, the session ends", true, true);
  private static final Expect EMPTY = Expect.success("2xx, nothing seen or changed", false, false);
  private static final Expect M = Expect.problem(403, "method_not_permitted");
  private static final Expect T = Expect.problem(403, "tenant_not_permitted");
  private static final Expect NF = Expect.problem(404, "session_not_found");

  private static final Predicate<Reply> ITEMS = r -> r.json().get("items").size() > 0;
  /** An event stream that ended caught up, having shown the tenant's sessions being opened. */
  private static final Predicate<Reply> CAUGHT_UP_WITH_EVENTS =
      r -> r.body().contains("event: session.created")
          && r.body().contains("\"reason\":\"caught_up\"");
  private static final Predicate<Reply> ACTIVE = r -> r.json().get("active").asBoolean();

  /**
   * The matrix. Columns: admin key | read-only key of acme | full key of acme | sessions.get key of
   * every tenant | end user of acme | org admin of acme | global admin without grant | global admin
   * with a grant of acme.
   */
  private static final List<Endpoint> ENDPOINTS = List.of(
      route("POST /v1/sessions for a user of acme", c -> post("/v1/sessions",
          Callers.openBody(c.acme, "carol")))
          .expect(OK, M, OK, M, M, M, T, Expect.problem(400, "invalid_field")),
      route("POST /v1/sessions for oneself in acme", c -> post("/v1/sessions",
          Callers.openBody(c.acme, c.selfId())))
          .expect(OK, M, OK, M, M, M, T, OK),
      route("POST /v1/sessions for a user of beta", c -> post("/v1/sessions",
          Callers.openBody(c.beta, "carol")))
          .expect(OK, M, T, M, M, M, T, T),
      route("POST /v1/sessions/from-token-set (no trusted issuer)", c -> post(
          "/v1/sessions/from-token-set", ApiClient.json("accessToken", "e30.e30.c2ln")))
          .expect(bad("invalid_token"), M, bad("invalid_token"), M, M, M, bad("invalid_token"),
              bad("invalid_token")),

      route("GET /v1/sessions/{id} of acme", c -> get("/v1/sessions/" + c.acmeSession().id()))
          .target(Cell::acmeSession)
          .expect(OK, M, OK, OK, M, OK, NF, OK),
      route("GET /v1/sessions/{id} of beta", c -> get("/v1/sessions/" + c.betaSession().id()))
          .target(Cell::betaSession)
          .expect(OK, M, NF, OK, M, NF, NF, NF),
      route("POST /v1/sessions/{id}/touch of acme", c -> post(
          "/v1/sessions/" + c.acmeSession().id() + "/touch", null))
          .target(Cell::acmeSession)
          .expect(OK, M, OK, M, M, M, M, M),
      route("POST /v1/sessions/{id}/touch of beta", c -> post(
          "/v1/sessions/" + c.betaSession().id() + "/touch", null))
          .target(Cell::betaSession)
          .expect(OK, M, NF, M, M, M, M, M),
      route("POST /v1/sessions/{id}/revoke of acme", c -> post(
          "/v1/sessions/" + c.acmeSession().id() + "/revoke", "{\"reason\":\"matrix\"}"))
          .target(Cell::acmeSession)
          .expect(ENDS, M, ENDS, M, M, ENDS, NF, ENDS),
      route("POST /v1/sessions/{id}/revoke of beta", c -> post(
          "/v1/sessions/" + c.betaSession().id() + "/revoke", "{\"reason\":\"matrix\"}"))
          .target(Cell::betaSession)
          .expect(ENDS, M, NF, M, M, NF, NF, NF),
      route("GET /v1/sessions?tenantId=acme", c -> get("/v1/sessions?tenantId=" + c.acme))
          .target(Cell::acmeSession).shows(ITEMS)
          .expect(OK, OK, OK, M, M, OK, T, OK),
      route("GET /v1/sessions?tenantId=beta", c -> get("/v1/sessions?tenantId=" + c.beta))
          .target(Cell::betaSession).shows(ITEMS)
          .expect(OK, T, T, M, M, T, T, T),
      route("POST /v1/sessions/batch-get [acme session]", c -> post("/v1/sessions/batch-get",
          ApiClient.json("ids", List.of(c.acmeSession().id()))))
          .target(Cell::acmeSession).shows(ITEMS)
          .expect(OK, OK, OK, M, M, OK, EMPTY, OK),
      route("POST /v1/sessions/batch-get [beta session]", c -> post("/v1/sessions/batch-get",
          ApiClient.json("ids", List.of(c.betaSession().id()))))
          .target(Cell::betaSession).shows(ITEMS)
          .expect(OK, EMPTY, EMPTY, M, M, EMPTY, EMPTY, EMPTY),
      route("POST /v1/sessions/refresh (acme refresh token)", c -> post("/v1/sessions/refresh",
          ApiClient.json("refreshToken", c.acmeSession().refreshToken())))
          .target(Cell::acmeSession)
          .expect(OK, M, OK, M, M, M, M, M),
      route("POST /v1/sessions/refresh (beta refresh token)", c -> post("/v1/sessions/refresh",
          ApiClient.json("refreshToken", c.betaSession().refreshToken())))
          .target(Cell::betaSession)
          .expect(OK, M, bad("invalid_refresh_token"), M, M, M, M, M),
      route("POST /v1/introspect (acme token)", c -> post("/v1/introspect",
          ApiClient.json("token", c.acmeSession().accessToken())))
          .target(Cell::acmeSession).shows(ACTIVE)
          .expect(OK, M, OK, M, M, M, M, M),
      route("POST /v1/introspect (beta token)", c -> post("/v1/introspect",
          ApiClient.json("token", c.betaSession().accessToken())))
          .target(Cell::betaSession).shows(ACTIVE)
          .expect(OK, M, EMPTY, M, M, M, M, M),
      route("POST /v1/introspect (acme token, tenantId beta)", c -> post("/v1/introspect",
          ApiClient.json("token", c.acmeSession().accessToken(), "tenantId", c.beta)))
          .target(Cell::acmeSession).shows(ACTIVE)
          .expect(EMPTY, M, T, M, M, M, M, M),

      route("GET /v1/users/{userId}/sessions?tenantId=acme", c -> get(
          "/v1/users/alice/sessions?tenantId=" + c.acme))
          .target(Cell::acmeSession).shows(ITEMS)
          .expect(OK, OK, OK, M, M, OK, T, OK),
      route("GET /v1/users/{userId}/sessions?tenantId=beta", c -> get(
          "/v1/users/bob/sessions?tenantId=" + c.beta))
          .target(Cell::betaSession).shows(ITEMS)
          .expect(OK, T, T, M, M, T, T, T),
      route("POST /v1/users/{userId}/sessions/revoke?tenantId=acme", c -> post(
          "/v1/users/alice/sessions/revoke?tenantId=" + c.acme, null))
          .target(Cell::acmeSession)
          .expect(ENDS, M, ENDS, M, M, ENDS, T, ENDS),
      route("POST /v1/users/{userId}/sessions/revoke?tenantId=beta", c -> post(
          "/v1/users/bob/sessions/revoke?tenantId=" + c.beta, null))
          .target(Cell::betaSession)
          .expect(ENDS, M, T, M, M, T, T, T),
      route("POST /v1/tenants/acme/sessions/revoke", c -> post(
          "/v1/tenants/" + c.acme + "/sessions/revoke", "{\"reason\":\"matrix\"}"))
          .target(Cell::acmeSession)
          .expect(ENDS, M, ENDS, M, M, ENDS, T, ENDS),
      route("POST /v1/tenants/beta/sessions/revoke", c -> post(
          "/v1/tenants/" + c.beta + "/sessions/revoke", "{\"reason\":\"matrix\"}"))
          .target(Cell::betaSession)
          .expect(ENDS, M, T, M, M, T, T, T),

      route("POST /v1/blacklist (acme session)", c -> post("/v1/blacklist", ApiClient.json(
          "tenantId", c.acme, "name", c.acmeSession().id(), "ttl", 600)))
          .target(Cell::acmeSession)
          .expect(ENDS, M, ENDS, M, M, ENDS, T, ENDS),
      route("POST /v1/blacklist (beta session)", c -> post("/v1/blacklist", ApiClient.json(
          "tenantId", c.beta, "name", c.betaSession().id(), "ttl", 600)))
          .target(Cell::betaSession)
          .expect(ENDS, M, T, M, M, T, T, T),
      route("GET /v1/blacklist/{name}?tenantId=acme", c -> get(
          "/v1/blacklist/someone?tenantId=" + c.acme))
          .expect(OK, M, OK, M, M, OK, T, OK),
      route("GET /v1/blacklist/{name}?tenantId=beta", c -> get(
          "/v1/blacklist/someone?tenantId=" + c.beta))
          .expect(OK, M, T, M, M, T, T, T),
      route("POST /v1/keys/rotate", c -> post("/v1/keys/rotate", null))
          .expect(OK, M, T, M, M, M, M, M),

      route("GET /v1/me/sessions", c -> get("/v1/me/sessions"))
          .expect(M, M, M, M, OK, OK, OK, OK),
      route("POST /v1/me/sessions/{id}/revoke (own other session)", c -> post(
          "/v1/me/sessions/" + c.ownOtherSession().id() + "/revoke", null))
          .target(Cell::ownOtherSession)
          .expect(M, M, M, M, ENDS, ENDS, ENDS, ENDS),
      route("POST /v1/me/sessions/{id}/revoke (another user's session)", c -> post(
          "/v1/me/sessions/" + c.acmeSession().id() + "/revoke", null))
          .target(Cell::acmeSession)
          .expect(M, M, M, M, NF, NF, NF, NF),
      route("POST /v1/me/sessions/revoke-others", c -> post("/v1/me/sessions/revoke-others", null))
          .target(Cell::ownOtherSession)
          .expect(M, M, M, M, ENDS, ENDS, ENDS, ENDS),
      route("POST /v1/me/logout", c -> post("/v1/me/logout", null))
          .target(Cell::callerSession)
          .expect(M, M, M, M, ENDS, ENDS, ENDS, ENDS),

      route("GET /v1/tenants/acme/support-grants", c -> get(
          "/v1/tenants/" + c.acme + "/support-grants"))
          .expect(OK, M, OK, M, M, OK, M, M),
      route("POST /v1/tenants/acme/support-grants", c -> post(
          "/v1/tenants/" + c.acme + "/support-grants", grantBody()))
          .expect(OK, M, OK, M, M, OK, M, M),
      route("GET /v1/tenants/acme/support-grants/{id}", c -> get(
          "/v1/tenants/" + c.acme + "/support-grants/" + c.acmeGrant()))
          .expect(OK, M, OK, M, M, OK, M, M),
      route("DELETE /v1/tenants/acme/support-grants/{id}", c -> delete(
          "/v1/tenants/" + c.acme + "/support-grants/" + c.acmeGrant()))
          .expect(OK, M, OK, M, M, OK, M, M),
      route("GET /v1/tenants/acme/support-grants/{id of a beta grant}", c -> get(
          "/v1/tenants/" + c.acme + "/support-grants/" + c.betaGrant()))
          .expect(missing("grant_not_found"), M, missing("grant_not_found"), M, M,
              missing("grant_not_found"), M, M),
      route("GET /v1/tenants/beta/support-grants", c -> get(
          "/v1/tenants/" + c.beta + "/support-grants"))
          .expect(OK, M, T, M, M, T, M, M),
      route("POST /v1/tenants/beta/support-grants", c -> post(
          "/v1/tenants/" + c.beta + "/support-grants", grantBody()))
          .expect(OK, M, T, M, M, T, M, M),
      route("DELETE /v1/tenants/beta/support-grants/{id}", c -> delete(
          "/v1/tenants/" + c.beta + "/support-grants/" + c.betaGrant()))
          .expect(OK, M, T, M, M, T, M, M),

      route("GET /v1/audit?tenantId=acme", c -> get("/v1/audit?tenantId=" + c.acme))
          .target(Cell::acmeSession).shows(ITEMS)
          .expect(OK, M, OK, M, M, OK, T, OK),
      route("GET /v1/audit?tenantId=beta", c -> get("/v1/audit?tenantId=" + c.beta))
          .target(Cell::betaSession).shows(ITEMS)
          .expect(OK, M, T, M, M, T, T, T),
      route("GET /v1/audit?tenantId=* (deployment-wide)", c -> get("/v1/audit?tenantId=*"))
          .expect(OK, M, T, M, M, T, T, T),

      route("GET /v1/blacklist?tenantId=acme", c -> get("/v1/blacklist?tenantId=" + c.acme))
          .expect(OK, M, OK, M, M, OK, T, OK),
      route("GET /v1/blacklist?tenantId=beta", c -> get("/v1/blacklist?tenantId=" + c.beta))
          .expect(OK, M, T, M, M, T, T, T),
      route("GET /v1/events of acme, caught up", c -> get("/v1/events?follow=false&after=0"
          + "&tenantId=" + c.acme))
          .target(Cell::acmeSession).shows(CAUGHT_UP_WITH_EVENTS)
          .expect(OK, M, OK, M, M, OK, M, M),
      route("GET /v1/events of beta, caught up", c -> get("/v1/events?follow=false&after=0"
          + "&tenantId=" + c.beta))
          .target(Cell::betaSession).shows(CAUGHT_UP_WITH_EVENTS)
          .expect(OK, M, T, M, M, T, M, M),

      route("GET /v1/api-keys", c -> get("/v1/api-keys"))
          .expect(OK, M, OK, M, M, M, M, M),
      route("POST /v1/api-keys for acme", c -> post("/v1/api-keys", ApiClient.json(
          "tenantId", c.acme, "methods", List.of("sessions.get"))))
          .expect(OK, M, OK, M, M, M, M, M),
      route("POST /v1/api-keys for beta", c -> post("/v1/api-keys", ApiClient.json(
          "tenantId", c.beta, "methods", List.of("sessions.get"))))
          .expect(OK, M, T, M, M, M, M, M),
      route("DELETE /v1/api-keys/{id} of acme", c -> delete("/v1/api-keys/" + c.acmeKey().id()))
          .expect(OK, M, OK, M, M, M, M, M),
      route("DELETE /v1/api-keys/{id} of beta", c -> delete("/v1/api-keys/" + c.betaKey().id()))
          .expect(OK, M, missing("api_key_not_found"), M, M, M, M, M),

      route("POST /oauth2/introspect (acme token)", c -> form("/oauth2/introspect",
          c.acmeSession().accessToken()))
          .target(Cell::acmeSession).shows(ACTIVE)
          .expect(OK, M, OK, M, M, M, M, M),
      route("POST /oauth2/introspect (beta token)", c -> form("/oauth2/introspect",
          c.betaSession().accessToken()))
          .target(Cell::betaSession).shows(ACTIVE)
          .expect(OK, M, EMPTY, M, M, M, M, M),
      route("POST /oauth2/revoke (acme token)", c -> form("/oauth2/revoke",
          c.acmeSession().accessToken()))
          .target(Cell::acmeSession)
          .expect(ENDS, M, ENDS, M, M, ENDS, EMPTY, ENDS),
      route("POST /oauth2/revoke (beta token)", c -> form("/oauth2/revoke",
          c.betaSession().accessToken()))
          .target(Cell::betaSession)
          .expect(ENDS, M, EMPTY, M, M, EMPTY, EMPTY, EMPTY));

  static Stream<Arguments> cells() {
    return ENDPOINTS.stream().flatMap(endpoint -> Arrays.stream(Kind.values()).map(kind ->
        Arguments.of(kind.label + " × " + endpoint.name() + " → " + endpoint.expected(kind).label(),
            endpoint, kind)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void eachCallerGetsWhatItsMethodsAndWallsAllow(String cell, Endpoint endpoint, Kind kind) {
    Cell c = new Cell(kind);
    Call call = endpoint.call().apply(c);
    Opened target = endpoint.target() == null ? null : endpoint.target().apply(c);
    if (target != null) {
      assertThat(RUNNING.api().isActive(target.accessToken())).as("target before").isTrue();
    }

    Reply reply = c.client().send(call.method(), call.path(), call.body(), call.headers());

    Expect expected = endpoint.expected(kind);
    expected.check(reply, endpoint.shows());
    if (target != null) {
      assertThat(RUNNING.api().isActive(target.accessToken()))
          .as("the target session works after %s", reply).isEqualTo(!expected.ends());
    }
  }

  @Test
  void anOrgAdminOfOneTenantSeesAndChangesNothingOfAnother() {
    Opened orgAdmin = Callers.session(RUNNING, "wall-a", "olga", ORG_ADMIN);
    Opened victim = Callers.session(RUNNING, "wall-b", "bob");
    String grantOfB = Callers.grant(RUNNING, "wall-b", Instant.now().plus(Duration.ofHours(1)));
    ApiClient olga = RUNNING.api().withKey(orgAdmin.accessToken());
    String sessionPath = "/v1/sessions/" + victim.id();

    assertProblem(olga.get(sessionPath), 404, "session_not_found");
    assertProblem(olga.post(sessionPath + "/revoke", "{\"reason\":\"mine now\"}"), 404,
        "session_not_found");
    assertProblem(olga.get("/v1/sessions?tenantId=wall-b"), 403, "tenant_not_permitted");
    assertThat(olga.get("/v1/sessions").json().get("items")).as("own tenant only")
        .noneMatch(s -> s.get("tenantId").asText().equals("wall-b"));
    for (String body : List.of(ApiClient.json("ids", List.of(victim.id())),
        ApiClient.json("tenantId", "wall-b", "ids", List.of(victim.id())))) {
      Reply batch = olga.post("/v1/sessions/batch-get", body);
      assertThat(batch.status()).as("%s", batch).isEqualTo(200);
      assertThat(batch.json().get("items")).isEmpty();
    }
    assertProblem(olga.get("/v1/users/bob/sessions?tenantId=wall-b"), 403, "tenant_not_permitted");
    assertProblem(olga.post("/v1/users/bob/sessions/revoke?tenantId=wall-b", null), 403,
        "tenant_not_permitted");
    assertProblem(olga.post("/v1/tenants/wall-b/sessions/revoke", null), 403,
        "tenant_not_permitted");
    assertProblem(olga.post("/v1/blacklist", ApiClient.json(
        "tenantId", "wall-b", "name", victim.id(), "ttl", 600)), 403, "tenant_not_permitted");
    assertProblem(olga.get("/v1/blacklist/" + victim.id() + "?tenantId=wall-b"), 403,
        "tenant_not_permitted");
    assertProblem(olga.get("/v1/tenants/wall-b/support-grants"), 403, "tenant_not_permitted");
    assertProblem(olga.get("/v1/tenants/wall-b/support-grants/" + grantOfB), 403,
        "tenant_not_permitted");
    assertProblem(olga.post("/v1/tenants/wall-b/support-grants", grantBody()), 403,
        "tenant_not_permitted");
    assertProblem(olga.delete("/v1/tenants/wall-b/support-grants/" + grantOfB), 403,
        "tenant_not_permitted");
    assertProblem(olga.delete("/v1/tenants/wall-a/support-grants/" + grantOfB), 404,
        "grant_not_found");
    assertProblem(olga.get("/v1/audit?tenantId=wall-b"), 403, "tenant_not_permitted");
    assertThat(olga.get("/v1/audit").json().get("items")).as("own tenant's records only")
        .isNotEmpty().allMatch(r -> r.get("tenantId").asText().equals("wall-a"));
    Reply oauthRevoke = olga.postForm("/oauth2/revoke", "token=" + encode(victim.accessToken()));
    assertThat(oauthRevoke.status()).as("RFC 7009: 200, and nothing changes").isEqualTo(200);

    JsonNode after = RUNNING.api().get(sessionPath).json();
    assertThat(after.get("status").asText()).isEqualTo("active");
    assertThat(RUNNING.api().isActive(victim.accessToken())).isTrue();
    assertThat(RUNNING.api().get("/v1/blacklist/" + victim.id() + "?tenantId=wall-b").json()
        .get("blacklisted").asBoolean()).isFalse();
    assertThat(RUNNING.api().get("/v1/tenants/wall-b/support-grants/" + grantOfB).json()
        .get("status").asText()).isEqualTo("active");
  }

  @Test
  void aReadOnlyManifestCannotRevoke() {
    Key monitor = Callers.apiKey(RUNNING, "ro-acme", "sessions.search", "sessions.batch_get");
    Opened session = Callers.session(RUNNING, "ro-acme", "alice");
    ApiClient plugin = monitor.client(RUNNING);

    assertThat(plugin.get("/v1/sessions?tenantId=ro-acme").json().get("items")).hasSize(1);
    assertThat(plugin.post("/v1/sessions/batch-get", ApiClient.json("ids", List.of(session.id())))
        .json().get("items")).hasSize(1);

    assertProblem(plugin.post("/v1/sessions/" + session.id() + "/revoke", null), 403,
        "method_not_permitted");
    assertProblem(plugin.post("/v1/users/alice/sessions/revoke", null), 403,
        "method_not_permitted");
    assertProblem(plugin.post("/v1/tenants/ro-acme/sessions/revoke", null), 403,
        "method_not_permitted");
    assertProblem(plugin.postForm("/oauth2/revoke", "token=" + encode(session.accessToken())),
        403, "method_not_permitted");
    assertProblem(plugin.post("/v1/blacklist", ApiClient.json("name", session.id(), "ttl", 60)),
        403, "method_not_permitted");

    assertThat(RUNNING.api().get("/v1/sessions/" + session.id()).json().get("status").asText())
        .isEqualTo("active");
    assertThat(RUNNING.api().isActive(session.accessToken())).isTrue();
  }

  @Test
  void aRevokedApiKeyGets401AtOnce() {
    Key key = Callers.apiKey(RUNNING, "rk-acme", "sessions.search", "sessions.verify");
    ApiClient client = key.client(RUNNING);
    assertThat(client.get("/v1/sessions").status()).isEqualTo(200);

    Reply revoked = RUNNING.api().delete("/v1/api-keys/" + key.id());
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
    assertThat(revoked.json().get("revokedAt").isNull()).isFalse();

    Reply refused = client.get("/v1/sessions");
    assertProblem(refused, 401, "unauthorized");
    assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
    String basic = java.util.Base64.getEncoder().encodeToString(
        ("rs:" + key.secret()).getBytes(StandardCharsets.UTF_8));
    assertProblem(client.send("POST", "/oauth2/introspect", "token=x", Map.of(
        "Authorization", "Basic " + basic,
        "Content-Type", "application/x-www-form-urlencoded")), 401, "unauthorized");
  }

  @Test
  void aManifestWithAnUnknownMethodIsRefusedNamingIt() {
    Reply reply = RUNNING.api().post("/v1/api-keys", ApiClient.json("tenantId", "mf-acme",
        "methods", List.of("sessions.search", "sessions.nuke"), "name", "mf-unknown"));

    assertProblem(reply, 400, "invalid_field");
    assertThat(reply.json().get("detail").asText()).contains("sessions.nuke");
    assertThat(RUNNING.api().get("/v1/api-keys").json().get("items"))
        .noneMatch(k -> k.get("name").asText().equals("mf-unknown"));
  }

  @Test
  void aKeyCannotMintAKeyWithMoreThanItHas() {
    ApiClient maker = Callers.apiKey(RUNNING, "mint-acme", "api_keys.manage", "sessions.search")
        .client(RUNNING);

    assertProblem(maker.post("/v1/api-keys", ApiClient.json("tenantId", "mint-acme",
        "methods", List.of("sessions.search", "sessions.revoke"))), 403, "method_not_permitted");
    assertProblem(maker.post("/v1/api-keys", ApiClient.json("tenantId", "mint-beta",
        "methods", List.of("sessions.search"))), 403, "tenant_not_permitted");
    Reply within = maker.post("/v1/api-keys", ApiClient.json(
        "methods", List.of("sessions.search")));
    assertThat(within.status()).as("%s", within).isEqualTo(201);
    assertThat(within.json().get("tenantId").asText()).as("the maker's own tenant")
        .isEqualTo("mint-acme");
  }

  /**
   * Whoever may open sessions in one tenant must not thereby act in another: a key of tenant A
   * that opens a session with the role {@code global_admin} does not get a global admin that
   * reaches into tenant B (which has granted support access to the operator's global admins).
   */
  @Test
  void aKeyOfOneTenantCannotMakeACallerThatReachesIntoAnother() {
    Opened victim = Callers.session(RUNNING, "reach-b", "bob");
    Callers.grant(RUNNING, "reach-b", Instant.now().plus(Duration.ofHours(1)));
    ApiClient hostOfA = Callers.apiKey(RUNNING, "reach-a", "sessions.create").client(RUNNING);

    Reply opened = hostOfA.post("/v1/sessions",
        Callers.openBody("reach-a", "mallory", GLOBAL_ADMIN));
    if (opened.status() == 201) {
      ApiClient mallory = RUNNING.api().withKey(opened.json().get("accessToken").asText());
      assertProblem(mallory.get("/v1/sessions/" + victim.id()), 404, "session_not_found");
      assertThat(mallory.get("/v1/sessions?tenantId=reach-b").status()).isEqualTo(403);
      assertThat(mallory.post("/v1/sessions/" + victim.id() + "/revoke", null).status())
          .isEqualTo(404);
    }
    assertThat(RUNNING.api().isActive(victim.accessToken())).isTrue();
  }

  // ---- helpers ----

  private static String grantBody() {
    return ApiClient.json("expiresAt", Instant.now().plus(Duration.ofHours(1)).toString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Endpoint route(String name, Function<Cell, Call> call) {
    return new Endpoint(name, call, null, null, List.of());
  }

  private static Call get(String path) {
    return new Call("GET", path, null, Map.of());
  }

  private static Call delete(String path) {
    return new Call("DELETE", path, null, Map.of());
  }

  private static Call post(String path, String json) {
    return new Call("POST", path, json,
        json == null ? Map.of() : Map.of("Content-Type", "application/json"));
  }

  private static Call form(String path, String token) {
    return new Call("POST", path, "token=" + encode(token),
        Map.of("Content-Type", "application/x-www-form-urlencoded"));
  }

  private static Expect bad(String code) {
    return Expect.problem(400, code);
  }

  private static Expect missing(String code) {
    return Expect.problem(404, code);
  }

  /** One request, as {@link ApiClient#send} takes it. */
  record Call(String method, String path, String body, Map<String, String> headers) {}

  /**
   * What one cell expects.
   *
   * @param status 0 for any 2xx
   * @param ends whether the target session stops working
   * @param shows whether the answer shows the target ({@link Endpoint#shows()})
   */
  record Expect(String label, int status, String code, boolean ends, boolean shows) {
    static Expect success(String label, boolean ends, boolean shows) {
      return new Expect(label, 0, null, ends, shows);
    }

    static Expect problem(int status, String code) {
      return new Expect(status + " " + code, status, code, false, false);
    }

    void check(Reply reply, Predicate<Reply> showing) {
      if (status == 0) {
        assertThat(reply.status()).as("%s", reply).isBetween(200, 299);
        if (showing != null) {
          assertThat(showing.test(reply)).as("shows the target: %s", reply).isEqualTo(shows);
        }
      } else {
        assertProblem(reply, status, code);
      }
    }
  }

  /**
   * One row of the matrix.
   *
   * @param target the session the call aims at; {@code null} for none. It must still work
   *     afterwards unless the cell expects it to end.
   * @param shows tells whether a successful answer shows the target; {@code null} when the answer
   *     cannot tell
   * @param expected by {@link Kind#ordinal()}
   */
  record Endpoint(String name, Function<Cell, Call> call, Function<Cell, Opened> target,
      Predicate<Reply> shows, List<Expect> expected) {
    Endpoint target(Function<Cell, Opened> value) {
      return new Endpoint(name, call, value, shows, expected);
    }

    Endpoint shows(Predicate<Reply> value) {
      return new Endpoint(name, call, target, value, expected);
    }

    Endpoint expect(Expect... byKind) {
      if (byKind.length != Kind.values().length) {
        throw new IllegalArgumentException(name + ": one expectation per kind of caller");
      }
      return new Endpoint(name, call, target, shows, List.of(byKind));
    }

    Expect expected(Kind kind) {
      return expected.get(kind.ordinal());
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** One cell's world: its caller and, made when first asked for, its sessions, grants and keys. */
  static final class Cell {
    private final Kind kind;
    private final int n = CELLS.incrementAndGet();
    final String acme = "acme-" + n;
    final String beta = "beta-" + n;
    private ApiClient client;
    private Opened callerSession;
    private Opened acmeSession;
    private Opened betaSession;
    private Opened ownOtherSession;
    private String acmeGrant;
    private String betaGrant;
    private Key acmeKey;
    private Key betaKey;

    Cell(Kind kind) {
      this.kind = kind;
    }

    /** A client that sends this cell's caller's credential. */
    ApiClient client() {
      if (client == null) {
        client = RUNNING.api().withKey(credential());
      }
      return client;
    }

    /** The caller's own user id if it is a session user, else some other user's. */
    String selfId() {
      return isSessionUser() ? userId() : "carol";
    }

    /** alice's session in acme. */
    Opened acmeSession() {
      if (acmeSession == null) {
        acmeSession = Callers.session(RUNNING, acme, "alice");
      }
      return acmeSession;
    }

    /** bob's session in beta. */
    Opened betaSession() {
      if (betaSession == null) {
        betaSession = Callers.session(RUNNING, beta, "bob");
      }
      return betaSession;
    }

    /** The calling session of a session user; for a key, alice's session in acme. */
    Opened callerSession() {
      client();
      return isSessionUser() ? callerSession : acmeSession();
    }

    /** Another session of the calling user; for a key, alice's session in acme. */
    Opened ownOtherSession() {
      if (!isSessionUser()) {
        return acmeSession();
      }
      if (ownOtherSession == null) {
        ownOtherSession = Callers.session(RUNNING, homeTenant(), userId());
      }
      return ownOtherSession;
    }

    String acmeGrant() {
      if (acmeGrant == null) {
        acmeGrant = Callers.grant(RUNNING, acme, Instant.now().plus(Duration.ofHours(1)));
      }
      return acmeGrant;
    }

    String betaGrant() {
      if (betaGrant == null) {
        betaGrant = Callers.grant(RUNNING, beta, Instant.now().plus(Duration.ofHours(1)));
      }
      return betaGrant;
    }

    Key acmeKey() {
      if (acmeKey == null) {
        acmeKey = Callers.apiKey(RUNNING, acme, "sessions.get");
      }
      return acmeKey;
    }

    Key betaKey() {
      if (betaKey == null) {
        betaKey = Callers.apiKey(RUNNING, beta, "sessions.get");
      }
      return betaKey;
    }

    private String credential() {
      switch (kind) {
        case ADMIN_KEY:
          return RUNNING.server().adminKey();
        case READ_ONLY_KEY:
          return Callers.apiKey(RUNNING, acme, "sessions.search", "sessions.batch_get").secret();
        case FULL_KEY:
          return Callers.apiKey(RUNNING, acme, Callers.allMethods()).secret();
        case ALL_TENANT_GET_KEY:
          return Callers.apiKey(RUNNING, null, "sessions.get").secret();
        case GLOBAL_ADMIN_GRANTED:
          acmeGrant();
          break;
        default:
          break;
      }
      callerSession = Callers.session(RUNNING, homeTenant(), userId(), roles().toArray(String[]::new));
      return callerSession.accessToken();
    }

    private boolean isSessionUser() {
      return kind.compareTo(Kind.END_USER) >= 0;
    }

    private String homeTenant() {
      return kind.compareTo(Kind.GLOBAL_ADMIN_NO_GRANT) >= 0 ? "ops" : acme;
    }

    private String userId() {
      return switch (kind) {
        case END_USER -> "dave";
        case ORG_ADMIN_OF_ACME -> "olga";
        default -> "root-" + n;
      };
    }

    private List<String> roles() {
      List<String> roles = new ArrayList<>();
      if (kind == Kind.ORG_ADMIN_OF_ACME) {
        roles.add(ORG_ADMIN);
      } else if (kind.compareTo(Kind.GLOBAL_ADMIN_NO_GRANT) >= 0) {
        roles.add(GLOBAL_ADMIN);
      }
      return roles;
    }
  }
}
