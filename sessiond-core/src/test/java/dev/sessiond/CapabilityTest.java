package dev.sessiond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.store.AuditQuery;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.InMemorySessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The capability API in Java: read-only {@code sessions()} apart from governed {@code
 * admin().sessions()}, every call walled by its context, support grants on a manual clock, and the
 * audit records the calls leave.
 */
class CapabilityTest {
  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
  private static final CapabilityContext SERVICE = CapabilityContext.of(Caller.service("test"));

  private ManualClock clock;
  private InMemorySessionStore store;
  private SessionEngine engine;

  @BeforeEach
  void setUp() {
    clock = new ManualClock(T0);
    store = new InMemorySessionStore();
    engine = SessionEngine.builder().store(store).clock(clock)
        .tokens(TokenSettings.defaults(new byte[32])).maxSupportGrant(Duration.ofDays(7)).build();
  }

  @Test
  void aReadOnlyKeyReadsButCannotRevoke() {
    Session session = open("acme", "alice", List.of()).session();
    CapabilityContext monitor = CapabilityContext.of(Caller.apiKey("monitor", "acme",
        EnumSet.of(Method.SESSIONS_SEARCH, Method.SESSIONS_BATCH_GET)));

    assertThat(engine.sessions().search(monitor, SearchRequest.inTenant(null)).items())
        .extracting(Session::id).containsExactly(session.id());
    assertThat(engine.sessions().batchGet(monitor, List.of(session.id())))
        .extracting(Session::id).containsExactly(session.id());
    assertCode(() -> engine.admin().sessions().revoke(monitor, session.id(), null),
        ErrorCode.METHOD_NOT_PERMITTED);
    assertCode(() -> engine.sessions().get(monitor, session.id()), ErrorCode.METHOD_NOT_PERMITTED);
    assertThat(engine.core().get(session.id()).orElseThrow().status()).isEqualTo(SessionStatus.ACTIVE);
    assertThat(audit("monitor")).extracting(AuditRecord::action, AuditRecord::outcome)
        .contains(org.assertj.core.groups.Tuple.tuple("access.denied", "denied"));
  }

  @Test
  void anOrgAdminGovernsItsTenantAndSeesNothingOfAnother() {
    Session own = open("acme", "bob", List.of()).session();
    Session foreign = open("globex", "bob", List.of()).session();
    CapabilityContext admin = context(open("acme", "ada", List.of(Caller.ORG_ADMIN_ROLE)));

    assertThat(engine.sessions().get(admin, foreign.id())).isEmpty();
    assertThat(engine.sessions().batchGet(admin, List.of(own.id(), foreign.id())))
        .extracting(Session::id).containsExactly(own.id());
    assertThat(engine.admin().sessions().revoke(admin, foreign.id(), "x")).isEmpty();
    assertCode(() -> engine.sessions().search(admin, SearchRequest.inTenant("globex")),
        ErrorCode.TENANT_NOT_PERMITTED);
    assertCode(() -> engine.admin().sessions().revokeAllInTenant(admin.inTenant("globex"), null),
        ErrorCode.TENANT_NOT_PERMITTED);
    assertThat(engine.core().get(foreign.id()).orElseThrow().status()).isEqualTo(SessionStatus.ACTIVE);

    assertThat(engine.admin().sessions().revoke(admin, own.id(), "policy").orElseThrow().status())
        .isEqualTo(SessionStatus.REVOKED);
  }

  @Test
  void aGlobalAdminActsOnlyUnderAGrantAndItsSessionsEndWithIt() {
    Session target = open("acme", "carol", List.of()).session();
    CapabilityContext global = context(open("ops", "gina", List.of(Caller.GLOBAL_ADMIN_ROLE)))
        .inTenant("acme");
    assertThat(engine.sessions().get(global, target.id())).isEmpty();
    assertCode(() -> engine.sessions().search(global, SearchRequest.inTenant(null)),
        ErrorCode.TENANT_NOT_PERMITTED);

    CapabilityContext orgAdmin = context(open("acme", "ada", List.of(Caller.ORG_ADMIN_ROLE)));
    SupportGrant grant = engine.admin().grants().create(orgAdmin, T0.plus(Duration.ofHours(2)),
        "ticket 42");
    assertThat(engine.sessions().get(global, target.id())).isPresent();
    OpenedSession support = engine.open(global, OpenRequest.of("acme", "gina"));
    assertThat(store.find(support.session().id()).orElseThrow().supportGrantId())
        .isEqualTo(grant.id());
    assertCode(() -> engine.open(global, OpenRequest.of("acme", "someone-else")),
        ErrorCode.INVALID_FIELD);

    engine.admin().grants().revoke(orgAdmin, grant.id());

    assertThat(engine.sessions().get(global, target.id())).isEmpty();
    assertThat(engine.core().get(support.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.REVOKED);
    assertThat(engine.verify(support.tokens().accessToken()).isActive()).isFalse();
  }

  @Test
  void anExpiredGrantEndsAccessAtOnceAndTheSweepRecordsIt() {
    CapabilityContext orgAdmin = context(open("acme", "ada", List.of(Caller.ORG_ADMIN_ROLE)));
    CapabilityContext global = context(open("ops", "gina", List.of(Caller.GLOBAL_ADMIN_ROLE)))
        .inTenant("acme");
    SupportGrant grant = engine.admin().grants().create(orgAdmin, T0.plus(Duration.ofMinutes(3)),
        null);
    OpenedSession support = engine.open(global, OpenRequest.of("acme", "gina"));

    clock.advance(Duration.ofMinutes(3));

    assertCode(() -> engine.sessions().search(global, SearchRequest.inTenant(null)),
        ErrorCode.TENANT_NOT_PERMITTED);
    assertThat(engine.verify(support.tokens().accessToken()).isActive()).isFalse();
    assertThat(engine.core().get(support.session().id()).orElseThrow().isActive()).isFalse();
    engine.sweep();
    assertThat(engine.admin().grants().list(orgAdmin)).singleElement()
        .satisfies(g -> assertThat(g.status()).isEqualTo(GrantStatus.EXPIRED));
    assertThat(store.audit(new AuditQuery("acme", null, null, null, grant.id(), 0, 10)))
        .extracting(AuditRecord::action).containsExactly("grant.expired", "grant.created");
  }

  @Test
  void grantsNeedAnExpiryWithinTheMaximum() {
    CapabilityContext orgAdmin = context(open("acme", "ada", List.of(Caller.ORG_ADMIN_ROLE)));
    assertCode(() -> engine.admin().grants().create(orgAdmin, null, null), ErrorCode.MISSING_FIELD);
    assertCode(() -> engine.admin().grants().create(orgAdmin, T0.plus(Duration.ofDays(8)), null),
        ErrorCode.INVALID_FIELD);
    assertCode(() -> engine.admin().grants().create(orgAdmin, T0, null), ErrorCode.INVALID_FIELD);
  }

  @Test
  void apiKeysAuthenticateUntilRevokedAndNeverExceedTheirMaker() {
    CreatedApiKey created = engine.admin().apiKeys().create(SERVICE, "acme",
        EnumSet.of(Method.SESSIONS_GET), "reader");
    Caller caller = engine.authenticate(created.secret()).orElseThrow();
    assertThat(caller.tenantId()).isEqualTo("acme");
    assertThat(caller.methods()).containsExactly(Method.SESSIONS_GET);
    assertThat(store.findApiKey(created.key().id()).orElseThrow().secretHash())
        .doesNotContain(created.secret());

    CapabilityContext reader = CapabilityContext.of(caller);
    assertCode(() -> engine.admin().apiKeys().create(reader, null, Set.of(Method.SESSIONS_GET),
        null), ErrorCode.METHOD_NOT_PERMITTED);

    engine.admin().apiKeys().revoke(SERVICE, created.key().id());
    assertThat(engine.authenticate(created.secret())).isEmpty();
    assertThat(engine.authenticate(created.secret() + "x")).isEmpty();
  }

  @Test
  void selfServiceTouchesOnlyTheCallersOwnSessions() {
    OpenedSession phone = open("acme", "dora", List.of());
    OpenedSession laptop = open("acme", "dora", List.of());
    Session stranger = open("acme", "eve", List.of()).session();
    CapabilityContext me = context(phone);

    assertThat(engine.self().list(me)).extracting(Session::id)
        .containsExactlyInAnyOrder(phone.session().id(), laptop.session().id());
    assertThat(engine.self().revoke(me, stranger.id())).isFalse();
    assertThat(engine.core().get(stranger.id()).orElseThrow().isActive()).isTrue();
    assertThat(engine.self().revokeOthers(me)).containsExactly(laptop.session().id());
    engine.self().logout(me);
    assertThat(engine.verify(phone.tokens().accessToken()).isActive()).isFalse();
  }

  private OpenedSession open(String tenant, String user, List<String> roles) {
    return engine.open(SERVICE, new OpenRequest(tenant, user, user, roles, ClientType.WEB, null,
        "10.0.0.9", null, null));
  }

  private CapabilityContext context(OpenedSession session) {
    return CapabilityContext.of(engine.authenticate(session.tokens().accessToken()).orElseThrow());
  }

  private List<AuditRecord> audit(String actorId) {
    return store.audit(new AuditQuery(null, null, null, actorId, null, 0, 100));
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(SessiondException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }
}
