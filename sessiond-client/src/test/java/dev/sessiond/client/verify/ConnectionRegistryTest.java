package dev.sessiond.client.verify;

import static dev.sessiond.client.verify.AdminCalls.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.client.RunningSessiond;
import dev.sessiond.client.internal.verify.FeedEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectionRegistryTest {
  @RegisterExtension static final RunningSessiond SERVER = RunningSessiond.start();

  @RegisterExtension final VerifierFixture fixture = new VerifierFixture(SERVER);
  private AdminCalls admin;
  private LocalVerifier verifier;

  @BeforeEach
  void fromFixture() {
    admin = fixture.admin();
    verifier = fixture.verifier();
  }

  private VerifiedSession verified(String userId) {
    return verifier.verify(admin.open("acme", userId, List.of()).accessToken()).session();
  }

  @Test
  void aRevokedSessionsConnectionsAreClosedOnceWithTheReason() {
    VerifiedSession session = verified("r-1");
    VerifiedSession bystander = verified("r-2");
    List<String> reasons = new CopyOnWriteArrayList<>();
    ConnectionRegistry registry = verifier.connections();
    ConnectionRegistry.Registration first = registry.register(session, reasons::add);
    registry.register(session, reasons::add);
    ConnectionRegistry.Registration other = registry.register(bystander, reasons::add);
    int before = registry.count();

    admin.revoke(session.sessionId());

    eventually("both connections are closed", () -> reasons.size() == 2);
    assertThat(reasons).containsExactly(ConnectionRegistry.SESSION_REVOKED,
        ConnectionRegistry.SESSION_REVOKED);
    assertThat(first.isRegistered()).isFalse();
    assertThat(other.isRegistered()).isTrue();
    assertThat(registry.count()).isEqualTo(before - 2);
    other.close();
    assertThat(registry.count()).isEqualTo(before - 3);
  }

  @Test
  void revokeAllAndBlacklistCloseWithTheirReasons() throws Exception {
    VerifiedSession byUser = verified("r-3");
    VerifiedSession byName = verified("r-4");
    List<String> userReasons = new CopyOnWriteArrayList<>();
    AtomicInteger closes = new AtomicInteger();
    verifier.connections().register(byUser, userReasons::add);
    verifier.connections().register(byName, (AutoCloseable) closes::incrementAndGet);

    admin.revokeUser("acme", "r-3");
    admin.blacklist("acme", byName.tokenId());

    eventually("both are closed", () -> userReasons.size() == 1 && closes.get() == 1);
    assertThat(userReasons).containsExactly(ConnectionRegistry.SESSIONS_REVOKED);
  }

  @Test
  void registeringAnAlreadyRevokedSessionClosesAtOnce() {
    AdminCalls.Opened opened = admin.open("acme", "r-5", List.of());
    VerifiedSession session = verifier.verify(opened.accessToken()).session();
    admin.revoke(session.sessionId());
    eventually("revoked locally", () -> verifier.verify(opened.accessToken()).outcome()
        == Verification.Outcome.REVOKED);

    List<String> reasons = new CopyOnWriteArrayList<>();
    ConnectionRegistry.Registration registration =
        verifier.connections().register(session, reasons::add);

    eventually("closed", () -> !reasons.isEmpty());
    assertThat(reasons).containsExactly(ConnectionRegistry.SESSION_REVOKED);
    assertThat(registration.isRegistered()).isFalse();
  }

  @Test
  void eventsMatchOnlyTheirSessionsAndCloseEachConnectionOnce() {
    ConnectionRegistry registry = new ConnectionRegistry(s -> null);
    Instant iat = Instant.parse("2026-01-01T00:00:10Z");
    VerifiedSession a = session("s-a", "t1", "u1", "j-a", iat);
    VerifiedSession b = session("s-b", "t1", "u2", "j-b", iat);
    VerifiedSession c = session("s-c", "t2", "u1", "j-c", iat);
    List<String> closed = new CopyOnWriteArrayList<>();
    registry.register(a, r -> closed.add("a:" + r));
    registry.register(b, r -> closed.add("b:" + r));
    registry.register(c, r -> closed.add("c:" + r));

    registry.onEvent(event(FeedEvent.SESSION_EXPIRED, "t1", "s-a", "u1", "", iat));
    registry.onEvent(event(FeedEvent.SESSION_REVOKED, "t1", "s-a", "u1", "", iat));
    // A user mark before the token's iat second does not cover it; the tenant mark of t2 does.
    registry.onEvent(event(FeedEvent.WATERMARK_RAISED, "t1", "", "u2", "", iat.minusSeconds(1)));
    registry.onEvent(event(FeedEvent.WATERMARK_RAISED, "t2", "", "", "", iat));
    registry.onEvent(event(FeedEvent.BLACKLISTED, "t1", "", "", "j-b", iat));

    eventually("three closes", () -> closed.size() == 3);
    assertThat(closed).containsExactlyInAnyOrder("a:" + ConnectionRegistry.SESSION_EXPIRED,
        "c:" + ConnectionRegistry.SESSIONS_REVOKED, "b:" + ConnectionRegistry.SESSION_BLACKLISTED);
    assertThat(registry.count()).isZero();
    registry.shutdown();
  }

  private static VerifiedSession session(String sid, String tid, String uid, String jti,
      Instant iat) {
    return new VerifiedSession(sid, tid, uid, "", List.of(), "web", jti, iat,
        iat.plusSeconds(300));
  }

  private static FeedEvent event(String type, String tenant, String sid, String uid, String name,
      Instant at) {
    return new FeedEvent(1, type, at, tenant, sid, uid, name,
        FeedEvent.BLACKLISTED.equals(type) ? at.plusSeconds(600) : null);
  }
}
