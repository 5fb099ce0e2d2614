package dev.sessiond.store.postgres;

import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.ClientType;
import dev.sessiond.SessionStatus;
import dev.sessiond.store.AuditQuery;
import dev.sessiond.store.Cursor;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.postgres.internal.ApiKeySql;
import dev.sessiond.store.postgres.internal.AuditSql;
import dev.sessiond.store.postgres.internal.EventSql;
import dev.sessiond.store.postgres.internal.RevocationSql;
import dev.sessiond.store.postgres.internal.SessionSelect;
import dev.sessiond.store.postgres.internal.SessionSql;
import dev.sessiond.store.postgres.internal.SupportGrantSql;
import dev.sessiond.store.postgres.internal.TokenSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every listing, every write that finds rows by a condition, and every lookup on a request path
 * can run as an index scan: with sequential scans priced out ({@code enable_seqscan = off}), which
 * leaves a {@code Seq Scan} only where no index serves, no plan holds one, and each uses the index
 * made for it. The tables hold a few thousand generated rows, analyzed, so the planner chooses
 * among indexes as it would on a real database (on small tests' tables a sequential scan is
 * cheapest, so what is checked is what the indexes allow).
 */
class QueryPlanTest {
  private static final Instant NOW = Instant.parse("2026-01-01T09:00:00Z");
  private static final OffsetDateTime AT = timestamp(NOW);
  private static final Cursor CURSOR = new Cursor(NOW, "ab".repeat(32));

  /** Sessions of 20 tenants and 500 users, a tenth revoked, some granted, a token each. */
  private static final String SESSIONS = "INSERT INTO sessions SELECT"
      + " md5(i::text) || md5((-i)::text), 't' || i % 20, 'u' || i % 500, 'user' || i, '{user}',"
      + " 'web', '', '10.0.' || i % 250 || '.1', '', '', '', '{}', now(), now(),"
      + " now() + interval '30 min', now() + interval '12 h', 1800000,"
      + " CASE WHEN i % 10 = 0 THEN 'revoked' ELSE 'active' END,"
      + " CASE WHEN i % 10 = 0 THEN now() END, CASE WHEN i % 10 = 0 THEN 'logout' END,"
      + " CASE WHEN i % 10 = 0 THEN 'admin' END, CASE WHEN i % 50 = 0 THEN md5(i::text) ELSE '' END"
      + " FROM generate_series(1, 5000) i";
  private static final List<String> FILL = List.of(SESSIONS,
      "INSERT INTO refresh_tokens SELECT md5(id), id, now(), NULL FROM sessions",
      "INSERT INTO blacklist SELECT 't' || i % 20, 'n' || i, now(), now() + i * interval '1 s'"
          + " FROM generate_series(1, 2000) i",
      "INSERT INTO api_keys SELECT 'k' || i, '', 't1', '{}', md5(i::text) || md5(i::text), now(),"
          + " '', NULL FROM generate_series(1, 500) i",
      "INSERT INTO support_grants SELECT md5(i::text), 't' || i % 20, '', now(), '',"
          + " now() + i * interval '1 min', 'active', NULL, NULL FROM generate_series(1, 2000) i",
      "INSERT INTO audit_log (at, tenant_id, action, actor_kind, actor_id, target, ip, outcome,"
          + " detail) SELECT now() - i * interval '1 s', 't' || i % 20, 'session.opened', 'user',"
          + " 'u' || i % 500, md5(i::text), '', 'success', '' FROM generate_series(1, 5000) i",
      "INSERT INTO events (at, type, tenant_id, session_id, user_id) SELECT"
          + " now() - (5000 - i) * interval '1 s', 'session.created', 't' || i % 20, md5(i::text),"
          + " 'u' || i % 500 FROM generate_series(1, 5000) i",
      "ANALYZE");

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.perClass();
  private static Connection connection;

  @BeforeAll
  static void migrateAndFill() throws SQLException {
    String schema = DATABASE.newSchema();
    DATABASE.open(schema).close();
    connection = TestDatabase.connect();
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET search_path = " + schema);
      for (String sql : FILL) {
        statement.execute(sql);
      }
      statement.execute("SET enable_seqscan = off");
    }
  }

  @AfterAll
  static void disconnect() throws SQLException {
    if (connection != null) {
      connection.close();
    }
  }

  static Stream<Arguments> listings() {
    List<Arguments> cases = new ArrayList<>();
    List<SessionStatus> statuses = new ArrayList<>(List.of(SessionStatus.values()));
    statuses.add(null);
    for (SessionStatus status : statuses) {
      for (Cursor after : new Cursor[] {null, CURSOR}) {
        String suffix = " status=" + status + " cursor=" + (after != null);
        cases.add(Arguments.of("tenant" + suffix, SessionSelect.search(
            new SessionQuery("t1", null, null, null, null, status, after, 20), NOW)));
        cases.add(Arguments.of("username prefix" + suffix, SessionSelect.search(
            new SessionQuery("t1", "ali", null, null, null, status, after, 20), NOW)));
        cases.add(Arguments.of("ip" + suffix, SessionSelect.search(
            new SessionQuery("t1", null, "10.0.0.1", null, null, status, after, 20), NOW)));
        cases.add(Arguments.of("ip prefix" + suffix, SessionSelect.search(
            new SessionQuery("t1", null, null, "10.0.", null, status, after, 20), NOW)));
        cases.add(Arguments.of("client type" + suffix, SessionSelect.search(
            new SessionQuery("t1", null, null, null, ClientType.CLI, status, after, 20), NOW)));
      }
      cases.add(Arguments.of("user status=" + status,
          SessionSelect.forUser("t1", "u1", status, NOW, 100)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listings")
  void listingsScanAnIndex(String name, SessionSelect select) throws SQLException {
    assertNoSeqScan(plan(select.sql(), select.params().toArray()));
  }

  @Test
  void tenantUserAndIpListingsWalkTheirIndexInOrder() throws SQLException {
    assertInOrder(SessionSelect.search(
        new SessionQuery("t1", null, null, null, null, null, CURSOR, 20), NOW), "sessions_by_tenant");
    assertInOrder(SessionSelect.search(
        new SessionQuery("t1", null, "10.0.7.1", null, null, null, null, 20), NOW), "sessions_by_ip");
    assertInOrder(SessionSelect.forUser("t1", "u1", null, NOW, 100), "sessions_by_user");
  }

  private static void assertInOrder(SessionSelect select, String index) throws SQLException {
    List<String> plan = plan(select.sql(), select.params().toArray());
    assertUses(plan, index);
    assertThat(plan).as("plan %s", plan).noneMatch(step -> step.contains("Sort"));
  }

  @Test
  void writesByIdOrUserSearchAnIndex() throws SQLException {
    assertUses(plan(SessionSql.TOUCH, AT, AT, "id", AT), "sessions_pkey");
    assertUses(plan(SessionSql.REVOKE, AT, "r", "a", "id", AT), "sessions_pkey");
    assertUses(plan(SessionSql.REVOKE_USER, AT, "r", "a", "t1", "u1", AT), "sessions_by_user");
    assertUses(plan(SessionSql.FIND_ALL, (Object) new String[] {"a", "b"}), "sessions_pkey");
    assertUses(plan(SessionSql.ACTIVE_FOR_USER, "t1", "u1", AT), "sessions_by_user");
    // Any of the indexes that lead with tenant_id serves; the planner picks by statistics.
    assertUses(plan(SessionSql.REVOKE_TENANT, "t1", AT, 100, AT, "r", "a"), "sessions_by_\\w+");
  }

  @Test
  void sweepsUseTheirPartialIndexes() throws SQLException {
    assertUses(plan(SessionSql.EXPIRE_DUE, AT, 100, "a", "i", "s"), "sessions_due");
    assertUses(plan(SessionSql.PURGE_ENDED, AT, 100), "sessions_ended");
    assertUses(plan(SessionSql.REVOKED_SINCE, AT), "sessions_ended");
    assertUses(plan(SessionSql.ACTIVE_UNDER_GRANT, "g", 10), "sessions_by_grant");
    assertUses(plan(SupportGrantSql.DUE, AT, 10), "support_grants_due");
    assertUses(plan(RevocationSql.PURGE_BANS, AT, 100), "blacklist_by_expiry");
    assertUses(plan(AuditSql.PURGE, AT, 100), "audit_by_time");
  }

  @Test
  void tokenRevocationKeyAndGrantLookupsSearchTheirIndexes() throws SQLException {
    assertUses(plan(TokenSql.FIND_REFRESH, "h"), "refresh_tokens_pkey");
    assertUses(plan(TokenSql.HEAD, "s"), "refresh_tokens_(head|family)");
    assertUses(plan(TokenSql.ROTATE_HEAD, AT, "h", "s"), "refresh_tokens_(pkey|head|family)");
    assertUses(plan(RevocationSql.FIND_BAN, "t1", "n", AT), "blacklist_pkey");
    assertUses(plan(RevocationSql.ACTIVE_BANS, AT), "blacklist_by_expiry");
    assertUses(plan(ApiKeySql.FIND, "k"), "api_keys_pkey");
    assertUses(plan(ApiKeySql.LIST, 10), "api_keys_by_age");
    assertUses(plan(SupportGrantSql.FIND, "t1", "g"), "support_grants_pkey");
    assertUses(plan(SupportGrantSql.OF_TENANT, "t1", 10), "support_grants_by_tenant");
    assertUses(plan(SupportGrantSql.ACTIVE, "t1", AT), "support_grants_(active|by_tenant)");
  }

  @Test
  void auditQueriesWalkAnIndex() throws SQLException {
    Instant from = NOW.minusSeconds(3600);
    assertUses(audit("t1", null, null, null, null, 0), "(audit_by_tenant|audit_log_pkey)");
    assertUses(audit("t1", null, null, "u1", null, 99), "audit_by_actor");
    assertUses(audit("t1", from, null, null, "s1", 0), "audit_by_target");
    assertNoSeqScan(audit(null, from, NOW, null, null, 99));
    assertNoSeqScan(audit(null, null, null, "u1", null, 0));
  }

  /**
   * The feed's queries. Its one-row table {@code event_meta}, which they also read, is scanned
   * whole, as it should be; the feed itself never is.
   */
  @Test
  void eventQueriesWalkAnIndex() throws SQLException {
    assertUsesOnEvents(plan(EventSql.AFTER, 100L, 50), "events_pkey");
    assertUsesOnEvents(plan(EventSql.LAST), "events_pkey");
    assertUsesOnEvents(plan(EventSql.PURGE, AT, 100), "events_(pkey|by_time)");
  }

  private static void assertUsesOnEvents(List<String> plan, String index) {
    assertThat(plan).as("plan %s", plan)
        .noneMatch(step -> step.matches(".*Seq Scan on (?!event_meta\\b).*"));
    assertThat(plan).as("plan %s", plan).anyMatch(step -> step.matches(
        ".*Index (Only )?Scan (Backward )?using " + index + "\\b.*"
            + "|.*Bitmap Index Scan on " + index + "\\b.*"));
  }

  private static List<String> audit(String tenant, Instant from, Instant to, String actor, String target,
      long beforeSeq) throws SQLException {
    AuditSql.Select select =
        AuditSql.select(new AuditQuery(tenant, from, to, actor, target, beforeSeq, 20));
    return plan(select.sql(), select.params().toArray());
  }

  private static void assertUses(List<String> plan, String index) {
    assertNoSeqScan(plan);
    assertThat(plan).as("plan %s", plan).anyMatch(step -> step.matches(
        ".*Index (Only )?Scan (Backward )?using " + index + "\\b.*"
            + "|.*Bitmap Index Scan on " + index + "\\b.*"));
  }

  private static void assertNoSeqScan(List<String> plan) {
    assertThat(plan).as("plan %s", plan).noneMatch(step -> step.contains("Seq Scan"));
  }

  private static List<String> plan(String sql, Object... params) throws SQLException {
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
      for (int i = 0; i < params.length; i++) {
        explain.setObject(i + 1, params[i]);
      }
      List<String> steps = new ArrayList<>();
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          steps.add(rows.getString(1).trim());
        }
      }
      return steps;
    }
  }
}
