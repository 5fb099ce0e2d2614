package dev.sessiond.server;

import static dev.sessiond.server.Callers.GLOBAL_ADMIN;
import static dev.sessiond.server.Callers.ORG_ADMIN;
import static dev.sessiond.server.ReplyAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.ManualClock;
import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Support grants over HTTP: a global admin acts on a tenant only while the tenant grants it, and
 * loses that access, and every session it opened there, the moment the grant is revoked or expires.
 * Grants are made only by the tenant (its org admin or a key with {@code grants.manage}), for at
 * most {@code max-support-grant}. Time is a {@link ManualClock}.
 */
class SupportGrantTest {
  private static final ManualClock CLOCK = new ManualClock(Instant.parse("2030-06-01T09:00:00Z"));
  private static final String HOME = "sg-ops";

  @RegisterExtension
  static final RunningServer RUNNING = RunningServer.onSqlite(CLOCK, b -> b);

  @Test
  void aGlobalAdminActsWhileTheGrantIsActiveAndLosesAccessAndSessionsWhenItIsRevoked() {
    String tenant = "sg-revoke";
    Opened customer = Callers.session(RUNNING, tenant, "alice");
    Opened other = Callers.session(RUNNING, tenant, "amy");
    ApiClient root = globalAdmin("root-1");
    assertProblem(root.get("/v1/sessions?tenantId=" + tenant), 403, "tenant_not_permitted");

    String grant = Callers.grant(RUNNING, tenant, CLOCK.instant().plus(Duration.ofHours(2)));

    Reply search = root.get("/v1/sessions?tenantId=" + tenant);
    assertThat(search.status()).as("%s", search).isEqualTo(200);
    assertThat(search.json().get("items")).extracting(s -> s.get("id").asText())
        .contains(customer.id(), other.id());
    assertThat(root.get("/v1/sessions/" + customer.id()).json().get("userId").asText())
        .isEqualTo("alice");
    Reply revoked = root.post("/v1/sessions/" + other.id() + "/revoke", "{\"reason\":\"support\"}");
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
    assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
    Opened underGrant = openOwnSession(root, tenant, "root-1");
    assertThat(RUNNING.api().isActive(underGrant.accessToken())).isTrue();

    Reply ended = RUNNING.api().delete("/v1/tenants/" + tenant + "/support-grants/" + grant);
    assertThat(ended.status()).as("%s", ended).isEqualTo(200);
    assertThat(ended.json().get("status").asText()).isEqualTo("revoked");

    assertProblem(root.get("/v1/sessions?tenantId=" + tenant), 403, "tenant_not_permitted");
    assertProblem(root.get("/v1/sessions/" + customer.id()), 404, "session_not_found");
    assertProblem(root.post("/v1/sessions", Callers.openBody(tenant, "root-1")), 403,
        "tenant_not_permitted");
    assertThat(sessionStatus(underGrant)).isEqualTo("revoked");
    assertThat(RUNNING.api().isActive(underGrant.accessToken())).isFalse();
    assertProblem(RUNNING.api().refresh(underGrant.refreshToken()), 409, "session_not_active");
    assertThat(sessionStatus(customer)).as("the tenant's own sessions are untouched")
        .isEqualTo("active");
  }

  @Test
  void whenTheGrantExpiresTheNextCallIsDeniedAndItsSessionsStopWorking() {
    String tenant = "sg-expire";
    Instant expiresAt = CLOCK.instant().plus(Duration.ofMinutes(10));
    String grant = Callers.grant(RUNNING, tenant, expiresAt);
    Opened customer = Callers.session(RUNNING, tenant, "alice");
    Opened underGrant = openOwnSession(globalAdmin("root-2"), tenant, "root-2");

    CLOCK.advance(Duration.ofMinutes(8));
    Reply refreshed = RUNNING.api().refresh(underGrant.refreshToken());
    assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
    String lastAccessToken = refreshed.json().get("accessToken").asText();
    String lastRefreshToken = refreshed.json().get("refreshToken").asText();
    ApiClient root = globalAdmin("root-2");
    assertThat(root.get("/v1/sessions?tenantId=" + tenant).status()).isEqualTo(200);

    CLOCK.set(expiresAt.plusSeconds(1));

    assertProblem(root.get("/v1/sessions?tenantId=" + tenant), 403, "tenant_not_permitted");
    assertProblem(root.get("/v1/sessions/" + customer.id()), 404, "session_not_found");
    assertThat(RUNNING.api().get("/v1/tenants/" + tenant + "/support-grants/" + grant).json()
        .get("status").asText()).isEqualTo("expired");
    assertThat(sessionStatus(underGrant)).isNotEqualTo("active");
    assertThat(RUNNING.api().isActive(lastAccessToken))
        .as("a token of a session opened under the grant, minted before it expired").isFalse();
    assertThat(RUNNING.api().refresh(lastRefreshToken).status()).isBetween(400, 499);
    assertThat(sessionStatus(customer)).isEqualTo("active");
  }

  @Test
  void aGrantIsRefusedWithoutExpiryOrBeyondTheLongestAllowed() {
    String path = "/v1/tenants/sg-bounds/support-grants";
    Instant now = CLOCK.instant();

    assertProblem(RUNNING.api().post(path, "{\"note\":\"no expiry\"}"), 400, "missing_field");
    assertProblem(RUNNING.api().post(path, grantBody(now.plus(Duration.ofDays(30)).plusSeconds(1))),
        400, "invalid_field");
    assertProblem(RUNNING.api().post(path, grantBody(now.minusSeconds(1))), 400, "invalid_field");
    assertProblem(RUNNING.api().post(path, "{\"expiresAt\":\"next friday\"}"), 400,
        "invalid_field");
    assertThat(RUNNING.api().get(path).json().get("items")).isEmpty();

    Reply longest = RUNNING.api().post(path, grantBody(now.plus(Duration.ofDays(30))));
    assertThat(longest.status()).as("exactly 30 days: %s", longest).isEqualTo(201);
  }

  @Test
  void anOrgAdminManagesItsOwnTenantsGrantsAndNoOtherTenants() {
    ApiClient olga = RUNNING.api().withKey(
        Callers.session(RUNNING, "sg-org", "olga", ORG_ADMIN).accessToken());
    String path = "/v1/tenants/sg-org/support-grants";

    Reply created = olga.post(path, grantBody(CLOCK.instant().plus(Duration.ofDays(2))));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode grant = created.json();
    assertThat(grant.get("status").asText()).isEqualTo("active");
    assertThat(grant.get("createdBy").asText()).isEqualTo("org_admin:olga");
    assertThat(created.header("Location")).isEqualTo(path + "/" + grant.get("id").asText());
    assertThat(olga.get(path).json().get("items")).extracting(g -> g.get("id").asText())
        .containsExactly(grant.get("id").asText());
    assertThat(olga.get(path + "/" + grant.get("id").asText()).status()).isEqualTo(200);

    Reply revoked = olga.delete(path + "/" + grant.get("id").asText());
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
    assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
    assertThat(revoked.json().get("endedBy").asText()).isEqualTo("org_admin:olga");

    String elsewhere = "/v1/tenants/sg-elsewhere/support-grants";
    String foreignGrant = Callers.grant(RUNNING, "sg-elsewhere",
        CLOCK.instant().plus(Duration.ofDays(1)));
    assertProblem(olga.post(elsewhere, grantBody(CLOCK.instant().plus(Duration.ofDays(1)))), 403,
        "tenant_not_permitted");
    assertProblem(olga.get(elsewhere), 403, "tenant_not_permitted");
    assertProblem(olga.delete(elsewhere + "/" + foreignGrant), 403, "tenant_not_permitted");
    assertThat(RUNNING.api().get(elsewhere + "/" + foreignGrant).json().get("status").asText())
        .isEqualTo("active");
  }

  @Test
  void aGlobalAdminCannotCreateOrManageGrants() {
    Callers.grant(RUNNING, "sg-nomanage", CLOCK.instant().plus(Duration.ofHours(1)));
    ApiClient root = globalAdmin("root-3");
    for (String tenant : List.of("sg-nomanage", "sg-nogrant")) {
      String path = "/v1/tenants/" + tenant + "/support-grants";
      assertProblem(root.post(path, grantBody(CLOCK.instant().plus(Duration.ofDays(1)))), 403,
          "method_not_permitted");
      assertProblem(root.get(path), 403, "method_not_permitted");
    }
    assertThat(RUNNING.api().get("/v1/tenants/sg-nogrant/support-grants").json().get("items"))
        .isEmpty();
  }

  /**
   * A global admin working in a tenant under a grant must not be able to give itself access that
   * outlives the grant: once the tenant revokes the grant, the global admin is out, whatever roles
   * it gave the session it opened there.
   */
  @Test
  void aGlobalAdminCannotOutliveTheGrantThroughTheSessionItOpensUnderIt() {
    String tenant = "sg-extend";
    String grant = Callers.grant(RUNNING, tenant, CLOCK.instant().plus(Duration.ofHours(1)));
    ApiClient root = globalAdmin("root-4");

    Reply opened = root.post("/v1/sessions", Callers.openBody(tenant, "root-4", ORG_ADMIN));
    if (opened.status() == 201) {
      ApiClient inside = RUNNING.api().withKey(opened.json().get("accessToken").asText());
      Reply selfGranted = inside.post("/v1/tenants/" + tenant + "/support-grants",
          grantBody(CLOCK.instant().plus(Duration.ofDays(30))));
      assertThat(selfGranted.status()).as("a grant made by the global admin itself: %s",
          selfGranted).isNotEqualTo(201);
    }
    assertThat(RUNNING.api().delete("/v1/tenants/" + tenant + "/support-grants/" + grant)
        .status()).isEqualTo(200);

    assertProblem(root.get("/v1/sessions?tenantId=" + tenant), 403, "tenant_not_permitted");
  }

  // ---- helpers ----

  /** A global admin, at home in {@value #HOME}, with a token fresh at the clock's current time. */
  private static ApiClient globalAdmin(String userId) {
    return RUNNING.api().withKey(
        Callers.session(RUNNING, HOME, userId, GLOBAL_ADMIN).accessToken());
  }

  /** The global admin's own session in {@code tenant}, opened with its own token. */
  private static Opened openOwnSession(ApiClient globalAdmin, String tenant, String userId) {
    Reply reply = globalAdmin.post("/v1/sessions", Callers.openBody(tenant, userId));
    assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    JsonNode body = reply.json();
    assertThat(body.at("/session/tenantId").asText()).isEqualTo(tenant);
    return new Opened(body.at("/session/id").asText(), body.get("accessToken").asText(),
        body.get("refreshToken").asText());
  }

  private static String sessionStatus(Opened session) {
    return RUNNING.api().get("/v1/sessions/" + session.id()).json().get("status").asText();
  }

  private static String grantBody(Instant expiresAt) {
    return ApiClient.json("expiresAt", expiresAt.toString(), "note", "ticket 4711");
  }
}
