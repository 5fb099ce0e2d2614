package dev.sessiond.store.redis;

import static dev.sessiond.tck.TestRecords.openedAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.SessionStatus;
import dev.sessiond.store.AuditQuery;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.SessionRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenant and user names that look like hash tags or key separators stay inside their tenant's
 * slot and apart from each other, on the Cluster, where a script touching two slots would fail.
 */
class RedisKeyLayoutTest {
  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

  @RegisterExtension final TestRedis redis = TestRedis.cluster();

  @Test
  void tenantsWithBracesAndSeparatorsStayApartAndWork() {
    RedisSessionStore store = redis.newStore();
    List<String> tenants = List.of("a{b}c", "a%7Bb%7Dc", "}", "{", "t:1}:s:x", "");
    for (String tenant : tenants) {
      SessionRecord s = openedAt(T0).tenant(tenant).user("u:{1}").build();
      store.insertWithRefreshToken(s, new RefreshToken(Integer.toHexString(tenant.hashCode())
          + "0".repeat(56) + tenants.indexOf(tenant), s.id(), T0, null),
          new AuditRecord(0, T0, tenant, "session.opened", "api_key", "k", s.id(), "", "success",
              ""));
      assertThat(store.find(s.id())).contains(s);
      assertThat(store.listForUser(tenant, "u:{1}", null, T0, 10)).containsExactly(s);
      assertThat(store.revoke(s.id(), new Ending(T0.plusSeconds(1), "logout", "u"))).isTrue();
    }
    for (String tenant : tenants) {
      assertThat(store.search(new SessionQuery(tenant, null, null, null, null,
          SessionStatus.REVOKED, null, 10), T0)).hasSize(1);
      assertThat(store.audit(new AuditQuery(tenant, null, null, null, null, 0, 10))).hasSize(1);
    }
    assertThat(store.sessionsRevokedSince(T0)).hasSize(tenants.size());
    assertThat(store.purgeEndedBefore(T0.plusSeconds(60), 100)).isEqualTo(tenants.size());
  }
}
