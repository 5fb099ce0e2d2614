package dev.sessiond.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.client.model.ApiKey;
import dev.sessiond.client.model.AuditQuery;
import dev.sessiond.client.model.AuditRecord;
import dev.sessiond.client.model.BlacklistEntry;
import dev.sessiond.client.model.ClientType;
import dev.sessiond.client.model.CreatedApiKey;
import dev.sessiond.client.model.GrantStatus;
import dev.sessiond.client.model.Introspection;
import dev.sessiond.client.model.MySession;
import dev.sessiond.client.model.OpenRequest;
import dev.sessiond.client.model.OpenedSession;
import dev.sessiond.client.model.Page;
import dev.sessiond.client.model.RevokeResult;
import dev.sessiond.client.model.RotatedKey;
import dev.sessiond.client.model.SearchQuery;
import dev.sessiond.client.model.Session;
import dev.sessiond.client.model.SessionStatus;
import dev.sessiond.client.model.SupportGrant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole API through the typed client, against a real server. */
class SessiondClientTest {
  @RegisterExtension static final RunningSessiond SERVER = RunningSessiond.start();

  private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) "
      + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

  private static SessiondClient admin;

  @BeforeAll
  static void connect() {
    admin = SessiondClient.create(ClientConfig.builder().url(SERVER.url())
        .apiKey(SERVER.adminKey()).tenantId("acme").build());
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  @Test
  void opensAndReadsASession() {
    OpenedSession opened = admin.open(OpenRequest.forUser("u-open").username("alice")
        .roles(List.of("user")).deptName("Sales").ip("203.0.113.7").userAgent(IPHONE)
        .attributes(Map.of("plan", "gold")));

    Session session = opened.session();
    assertThat(session.id()).matches("[0-9a-f]{64}");
    assertThat(session.tenantId()).isEqualTo("acme");
    assertThat(session.userId()).isEqualTo("u-open");
    assertThat(session.username()).isEqualTo("alice");
    assertThat(session.clientType()).isEqualTo(ClientType.MOBILE);
    assertThat(session.deptName()).isEqualTo("Sales");
    assertThat(session.ip()).isEqualTo("203.0.113.7");
    assertThat(session.browser()).isNotEmpty();
    assertThat(session.os()).isNotEmpty();
    assertThat(session.status()).isEqualTo(SessionStatus.ACTIVE);
    assertThat(session.roles()).containsExactly("user");
    assertThat(session.expiresAt()).isAfter(session.loginAt());
    assertThat(opened.tokenType()).isEqualTo("Bearer");
    assertThat(opened.expiresIn()).isPositive();
    assertThat(opened.accessToken()).isNotBlank();
    assertThat(opened.refreshToken()).matches("[A-Za-z0-9_-]{43}");
    assertThat(opened.toString()).doesNotContain(opened.accessToken(), opened.refreshToken());

    assertThat(admin.get(session.id())).contains(session);
  }

  @Test
  void leavesOutWhatIsNotGiven() {
    Session session = admin.open(OpenRequest.forUser("u-bare").clientType(ClientType.CLI)).session();

    assertThat(session.username()).isEmpty();
    assertThat(session.deptName()).isEmpty();
    assertThat(session.ip()).isEmpty();
    assertThat(session.roles()).isEmpty();
    assertThat(session.clientType()).isEqualTo(ClientType.CLI);
  }

  @Test
  void aRequestsTenantWinsOverTheDefault() {
    Session session = admin.open(OpenRequest.forUser("u-t").tenantId("globex")).session();

    assertThat(session.tenantId()).isEqualTo("globex");
    assertThat(admin.forTenant("globex").userSessions("u-t")).extracting(Session::id)
        .containsExactly(session.id());
    assertThat(admin.userSessions("u-t")).isEmpty();
  }

  @Test
  void getOfAnUnknownSessionIsEmpty() {
    assertThat(admin.get("0".repeat(64))).isEmpty();
  }

  @Test
  void searchesAndPages() {
    SessiondClient client = admin.forTenant("search-co");
    for (int i = 0; i < 3; i++) {
      client.open(OpenRequest.forUser("u-" + i).username("carol" + i).ip("10.9.0." + i)
          .clientType(ClientType.WEB));
    }
    client.open(OpenRequest.forUser("u-9").username("dave").ip("192.0.2.1")
        .clientType(ClientType.API));

    Page<Session> first = client.search(SearchQuery.all().username("carol").pageSize(2));
    assertThat(first.items()).hasSize(2);
    assertThat(first.hasNext()).isTrue();
    Page<Session> second = client.search(SearchQuery.all().username("carol").pageSize(2)
        .pageToken(first.nextPageToken()));
    assertThat(second.items()).hasSize(1);
    assertThat(second.hasNext()).isFalse();
    assertThat(second.next()).isEmpty();

    assertThat(client.search(SearchQuery.all().ip("192.0.2.1")).items())
        .extracting(Session::username).containsExactly("dave");
    assertThat(client.search(SearchQuery.all().ipPrefix("10.9.")).items()).hasSize(3);
    assertThat(client.search(SearchQuery.all().clientType(ClientType.API)).items()).hasSize(1);
    assertThat(client.search(SearchQuery.all().status(SessionStatus.REVOKED)).items()).isEmpty();
    assertThat(admin.search(SearchQuery.all().tenantId("search-co")).items()).hasSize(4);
  }

  @Test
  void batchGetAnswersTheActiveSessionsInTheOrderAsked() {
    Session a = admin.open(OpenRequest.forUser("u-batch-a")).session();
    Session b = admin.open(OpenRequest.forUser("u-batch-b")).session();
    Session c = admin.open(OpenRequest.forUser("u-batch-c")).session();
    admin.revoke(c.id(), null);

    assertThat(admin.batchGet(List.of(b.id(), "f".repeat(64), a.id(), c.id())))
        .extracting(Session::id).containsExactly(b.id(), a.id());
  }

  @Test
  void refreshRotatesTheTokens() {
    OpenedSession opened = admin.open(OpenRequest.forUser("u-refresh"));

    OpenedSession refreshed = admin.refresh(opened.refreshToken());

    assertThat(refreshed.session().id()).isEqualTo(opened.session().id());
    assertThat(refreshed.refreshToken()).isNotEqualTo(opened.refreshToken());
    assertThat(admin.introspect(refreshed.accessToken()).active()).isTrue();
  }

  @Test
  void introspectsActiveAndInactiveTokens() {
    OpenedSession opened = admin.open(OpenRequest.forUser("u-intro").username("erin")
        .roles(List.of("user", "auditor")).clientType(ClientType.DESKTOP));

    Introspection active = admin.introspect(opened.accessToken());
    assertThat(active.active()).isTrue();
    assertThat(active.activeClaims()).hasValueSatisfying(claims -> {
      assertThat(claims.subject()).isEqualTo("u-intro");
      assertThat(claims.sessionId()).isEqualTo(opened.session().id());
      assertThat(claims.tenantId()).isEqualTo("acme");
      assertThat(claims.username()).isEqualTo("erin");
      assertThat(claims.roles()).containsExactly("user", "auditor");
      assertThat(claims.clientType()).isEqualTo(ClientType.DESKTOP);
      assertThat(claims.issuer()).isNotBlank();
      assertThat(claims.tokenId()).isNotBlank();
      assertThat(claims.expiresAt()).isAfter(claims.issuedAt());
    });

    assertThat(admin.introspect("not a token")).isEqualTo(Introspection.INACTIVE);
    assertThat(admin.forTenant("globex").introspect(opened.accessToken()).active()).isFalse();

    admin.revoke(opened.session().id(), "test");
    assertThat(admin.introspect(opened.accessToken()).active()).isFalse();
  }

  @Test
  void touchesAndRevokes() {
    Session session = admin.open(OpenRequest.forUser("u-touch")).session();

    assertThat(admin.touch(session.id()).status()).isEqualTo(SessionStatus.ACTIVE);
    Session revoked = admin.revoke(session.id(), "lost_phone");
    assertThat(revoked.status()).isEqualTo(SessionStatus.REVOKED);
    assertThat(admin.get(session.id())).hasValueSatisfying(s -> assertThat(s.isActive()).isFalse());
    assertThatThrownBy(() -> admin.touch(session.id()))
        .isInstanceOfSatisfying(SessiondApiException.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.code()).isEqualTo("session_not_active");
        });
    assertThat(admin.revoke(session.id(), null).status()).isEqualTo(SessionStatus.REVOKED);
  }

  @Test
  void revokesAllOfAUsersSessions() {
    Session one = admin.open(OpenRequest.forUser("u 42/ü+x")).session();
    Session two = admin.open(OpenRequest.forUser("u 42/ü+x")).session();

    assertThat(admin.userSessions("u 42/ü+x")).hasSize(2);
    RevokeResult result = admin.revokeAllForUser("u 42/ü+x", "password_changed");

    assertThat(result.revoked()).isEqualTo(2);
    assertThat(result.sessionIds()).containsExactlyInAnyOrder(one.id(), two.id());
    assertThat(admin.userSessions("u 42/ü+x")).isEmpty();
    assertThat(admin.userSessions("u 42/ü+x", SessionStatus.REVOKED)).hasSize(2);
    assertThat(admin.userSessions("u 42/ü+x", null)).hasSize(2);
  }

  @Test
  void revokesAllOfATenant() {
    SessiondClient client = admin.forTenant("wipe-co");
    OpenedSession one = client.open(OpenRequest.forUser("u-1"));
    client.open(OpenRequest.forUser("u-2"));

    assertThat(client.revokeAllInTenant("breach")).isEqualTo(2);
    assertThat(client.introspect(one.accessToken()).active()).isFalse();
    assertThatThrownBy(() -> admin.forTenant(null).revokeAllInTenant("x"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void revokesByToken() {
    OpenedSession opened = admin.open(OpenRequest.forUser("u-oauth"));

    admin.revokeToken(opened.refreshToken());
    admin.revokeToken("unknown-token");

    assertThat(admin.get(opened.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.REVOKED);
  }

  @Test
  void blacklists() {
    OpenedSession opened = admin.open(OpenRequest.forUser("u-ban"));
    String id = opened.session().id();

    BlacklistEntry entry = admin.blacklist(id, Duration.ofHours(1));
    assertThat(entry.tenantId()).isEqualTo("acme");
    assertThat(entry.name()).isEqualTo(id);
    assertThat(entry.blacklisted()).isTrue();
    assertThat(entry.expiresAt()).isAfter(Instant.now());

    assertThat(admin.isBlacklisted(id)).isTrue();
    assertThat(admin.blacklistStatus(id).expiresAt()).isEqualTo(entry.expiresAt());
    BlacklistEntry other = admin.blacklistStatus("some jti/with slash");
    assertThat(other.blacklisted()).isFalse();
    assertThat(other.expiresAt()).isNull();
    assertThat(other.name()).isEqualTo("some jti/with slash");
    assertThatThrownBy(() -> admin.refresh(opened.refreshToken()))
        .isInstanceOfSatisfying(SessiondApiException.class,
            e -> assertThat(e.code()).isEqualTo("session_blacklisted"));
  }

  @Test
  void managesSupportGrants() {
    SessiondClient client = admin.forTenant("grant-co");
    Instant until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

    SupportGrant grant = client.createSupportGrant(until, "ticket 42");
    assertThat(grant.id()).matches("[0-9a-f]{32}");
    assertThat(grant.tenantId()).isEqualTo("grant-co");
    assertThat(grant.note()).isEqualTo("ticket 42");
    assertThat(grant.expiresAt()).isEqualTo(until);
    assertThat(grant.status()).isEqualTo(GrantStatus.ACTIVE);
    assertThat(grant.createdBy()).isNotBlank();
    assertThat(grant.endedAt()).isNull();
    assertThat(grant.endedBy()).isNull();

    assertThat(client.supportGrants()).containsExactly(grant);
    assertThat(client.supportGrant(grant.id())).contains(grant);

    SupportGrant revoked = client.revokeSupportGrant(grant.id());
    assertThat(revoked.status()).isEqualTo(GrantStatus.REVOKED);
    assertThat(revoked.endedAt()).isNotNull();
    assertThat(revoked.endedBy()).isNotBlank();
    assertThat(client.supportGrant("0".repeat(32))).isEmpty();
    assertThat(client.createSupportGrant(until, null).note()).isEmpty();
  }

  @Test
  void readsTheAuditLog() {
    SessiondClient client = admin.forTenant("audit-co");
    Session session = client.open(OpenRequest.forUser("u-audit")).session();
    client.revoke(session.id(), "audited");

    Page<AuditRecord> page = client.audit(AuditQuery.all().target(session.id()));
    assertThat(page.items()).extracting(AuditRecord::action)
        .contains("session.opened", "session.revoked");
    AuditRecord newest = page.items().get(0);
    assertThat(newest.tenantId()).isEqualTo("audit-co");
    assertThat(newest.seq()).isPositive();
    assertThat(newest.actorKind()).isEqualTo("api_key");
    assertThat(newest.actorId()).isEqualTo("bootstrap");
    assertThat(newest.outcome()).isEqualTo("success");
    assertThat(page.items()).anySatisfy(r -> assertThat(r.detail()).isEqualTo("audited"));

    Page<AuditRecord> one = client.audit(AuditQuery.all().pageSize(1)
        .from(Instant.now().minus(Duration.ofHours(1))).to(Instant.now().plusSeconds(60))
        .actorId("bootstrap"));
    assertThat(one.items()).hasSize(1);
    assertThat(one.hasNext()).isTrue();
    assertThat(client.audit(AuditQuery.all().pageSize(1).pageToken(one.nextPageToken())).items())
        .hasSize(1).doesNotContainAnyElementsOf(one.items());
  }

  @Test
  void managesApiKeys() {
    CreatedApiKey created = admin.createApiKey("monitor", List.of("sessions.search"));
    ApiKey key = created.apiKey();
    assertThat(created.key()).startsWith("sk_" + key.id());
    assertThat(created.toString()).doesNotContain(created.key());
    assertThat(key.name()).isEqualTo("monitor");
    assertThat(key.tenantId()).isEqualTo("acme");
    assertThat(key.methods()).containsExactly("sessions.search");
    assertThat(key.isLive()).isTrue();
    assertThat(admin.apiKeys()).contains(key).extracting(ApiKey::id).contains("bootstrap");

    try (SessiondClient monitor = SessiondClient.create(ClientConfig.builder()
        .url(SERVER.url()).apiKey(created.key()).build())) {
      assertThat(monitor.search(SearchQuery.all()).items()).isNotNull();

      ApiKey revoked = admin.revokeApiKey(key.id());
      assertThat(revoked.revokedAt()).isNotNull();
      assertThat(revoked.isLive()).isFalse();
      assertThatThrownBy(() -> monitor.search(SearchQuery.all()))
          .isInstanceOf(UnauthorizedException.class);
    }
    assertThat(admin.forTenant(null).createApiKey(null, List.of("sessions.get")).apiKey()
        .tenantId()).isNull();
  }

  @Test
  void rotatesTheSigningKey() {
    String before = admin.jwks();

    RotatedKey rotated = admin.rotateSigningKey("ES256");

    assertThat(rotated.algorithm()).isEqualTo("ES256");
    assertThat(before).doesNotContain(rotated.kid());
    assertThat(admin.jwks()).contains(rotated.kid()).startsWith("{");
    assertThat(admin.rotateSigningKey(null).algorithm()).isEqualTo("EdDSA");
  }

  @Test
  void selfService() {
    OpenedSession phone = admin.open(OpenRequest.forUser("u-me").clientType(ClientType.MOBILE));
    OpenedSession laptop = admin.open(OpenRequest.forUser("u-me").clientType(ClientType.WEB));
    OpenedSession tablet = admin.open(OpenRequest.forUser("u-me").clientType(ClientType.WEB));
    Session stranger = admin.open(OpenRequest.forUser("u-stranger")).session();
    SelfService me = admin.me(phone.accessToken());
    assertThat(me.toString()).doesNotContain(phone.accessToken());

    List<MySession> mine = me.sessions();
    assertThat(mine).extracting(s -> s.session().id()).containsExactlyInAnyOrder(
        phone.session().id(), laptop.session().id(), tablet.session().id());
    assertThat(mine).filteredOn(MySession::current).extracting(s -> s.session().id())
        .containsExactly(phone.session().id());

    me.revoke(tablet.session().id());
    assertThatThrownBy(() -> me.revoke(stranger.id()))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.code()).isEqualTo("session_not_found"));
    RevokeResult others = me.revokeOthers();
    assertThat(others.sessionIds()).containsExactly(laptop.session().id());
    assertThat(me.sessions()).hasSize(1);

    me.logout();
    assertThat(admin.get(phone.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.REVOKED);
    assertThatThrownBy(me::sessions).isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void oneClientServesManyThreads() throws Exception {
    SessiondClient client = admin.forTenant("busy-co");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String user = "u-" + (i % 5);
        ids.add(pool.submit(() -> client.open(OpenRequest.forUser(user)).session().id()));
      }
      for (java.util.concurrent.Future<String> id : ids) {
        assertThat(client.get(id.get())).isPresent();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(client.search(SearchQuery.all().pageSize(100)).items()).hasSize(40);
  }

  @Test
  void rejectsMissingArgumentsBeforeCalling() {
    assertThatThrownBy(() -> admin.get(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> admin.get("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> admin.open(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> OpenRequest.forUser(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void reportsReadiness() {
    assertThat(admin.isReady()).isTrue();
  }
}
