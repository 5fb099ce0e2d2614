package dev.sessiond.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.ClientType;
import dev.sessiond.SessionStatus;
import dev.sessiond.store.AuditQuery;
import dev.sessiond.store.Cursor;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.sqlite.internal.ApiKeySql;
import dev.sessiond.store.sqlite.internal.AuditSql;
import dev.sessiond.store.sqlite.internal.EventSql;
import dev.sessiond.store.sqlite.internal.RevocationSql;
import dev.sessiond.store.sqlite.internal.SessionSelect;
import dev.sessiond.store.sqlite.internal.SessionSql;
import dev.sessiond.store.sqlite.internal.SupportGrantSql;
import dev.sessiond.store.sqlite.internal.TokenSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every listing, every write that finds rows by a condition, and every token or revocation lookup
 * on a request path runs as an index search: SQLite's {@code EXPLAIN QUERY PLAN} never shows a bare
 * {@code SCAN} of a table.
 */
class QueryPlanTest {
  private static final Instant NOW = Instant.parse("2026-01-01T09:00:00Z");
  private static final Cursor CURSOR = new Cursor(NOW, "ab".repeat(32));

  @TempDir Path directory;
  private Connection connection;

  @BeforeEach
  void migrate() throws SQLException {
    Path file = directory.resolve("plan.db");
    SqliteSessionStore.open(file).close();
    connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement pragma = connection.createStatement()) {
      // As on the store's connections, so plans show the cascades of deletes.
      pragma.execute("PRAGMA foreign_keys = ON");
    }
  }

  @AfterEach
  void disconnect() throws SQLException {
    connection.close();
  }

  static Stream<Arguments> listings() {
    List<Arguments> cases = new ArrayList<>();
    for (SessionStatus status : statusesAndNull()) {
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
        cases.add(Arguments.of("everything" + suffix, SessionSelect.search(
            new SessionQuery("t1", "ali", "10.0.0.1", "10.", ClientType.WEB, status, after, 20),
            NOW)));
      }
      cases.add(Arguments.of("user status=" + status,
          SessionSelect.forUser("t1", "u1", status, NOW, 100)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listings")
  void listingsSearchAnIndex(String name, SessionSelect select) throws SQLException {
    List<String> plan = plan(select.sql(), select.params().toArray());

    assertUsesAnIndex(plan);
  }

  @Test
  void plainTenantAndUserListingsNeedNoSort() throws SQLException {
    for (SessionSelect select : List.of(
        SessionSelect.search(new SessionQuery("t1", null, null, null, null, null, CURSOR, 20), NOW),
        SessionSelect.search(new SessionQuery("t1", null, "10.0.0.1", null, null, null, null, 20), NOW),
        SessionSelect.forUser("t1", "u1", null, NOW, 100))) {
      List<String> plan = plan(select.sql(), select.params().toArray());
      assertUsesAnIndex(plan);
      assertThat(plan).as("plan %s", plan).noneMatch(step -> step.contains("TEMP B-TREE"));
    }
  }

  @Test
  void conditionalWritesSearchAnIndex() throws SQLException {
    assertUsesAnIndex(plan(SessionSql.TOUCH, 1L, 2L, "id", 1L));
    assertUsesAnIndex(plan(SessionSql.REVOKE, 1L, "r", "a", "id", 1L));
    assertUsesAnIndex(plan(SessionSql.REVOKE_USER, 1L, "r", "a", "t1", "u1", 1L));
    assertUsesAnIndex(plan(SessionSql.findAll(3), "a", "b", "c"));
  }

  @Test
  void sweeperUsesItsPartialIndexes() throws SQLException {
    List<String> expire = plan(SessionSql.EXPIRE_DUE, "a", "i", "s", 1L, 100);
    List<String> purge = plan(SessionSql.PURGE_ENDED, 1L, 100);

    assertUsesAnIndex(expire);
    assertThat(expire).anyMatch(step -> step.contains("sessions_due"));
    assertUsesAnIndex(purge);
    assertThat(purge).anyMatch(step -> step.contains("sessions_ended"));
  }

  @Test
  void refreshTokenLookupsSearchTheirIndexes() throws SQLException {
    assertSearches(plan(TokenSql.FIND_REFRESH, "h"), "USING PRIMARY KEY (hash=?)");
    assertSearches(plan(TokenSql.HEAD, "s"), "refresh_tokens_head");
    List<String> rotate = plan(TokenSql.ROTATE_HEAD, 1L, "h", "s", "n");
    assertSearches(rotate, "USING PRIMARY KEY (hash=?)");
    assertThat(rotate).as("plan %s", rotate).noneMatch(step -> step.contains("SCAN"));
  }

  @Test
  void purgingSessionsFindsTheirRefreshTokensByIndex() throws SQLException {
    // The ON DELETE CASCADE looks up each purged session's tokens by session_id.
    assertSearches(plan(SessionSql.PURGE_ENDED, 1L, 100), "refresh_tokens_family");
  }

  @Test
  void revocationLookupsSearchTheirIndexes() throws SQLException {
    assertSearches(plan(RevocationSql.FIND_BAN, "t1", "n", 1L),
        "USING PRIMARY KEY (tenant_id=? AND name=?)");
    assertSearches(plan(RevocationSql.ACTIVE_BANS, 1L), "blacklist_by_expiry");
    assertSearches(plan(RevocationSql.PURGE_BANS, 1L, 100), "blacklist_by_expiry");
    assertSearches(plan(RevocationSql.REVOKED_SINCE, 1L), "sessions_ended");
    assertSearches(plan(RevocationSql.REVOKE_TENANT, 1L, "r", "a", "t1", 1L, 100),
        "sessions_by_status");
  }

  @Test
  void apiKeyAndGrantLookupsSearchTheirIndexes() throws SQLException {
    assertSearches(plan(ApiKeySql.FIND, "k"), "USING PRIMARY KEY (id=?)");
    assertSearches(plan(ApiKeySql.REVOKE, 1L, "k"), "USING PRIMARY KEY (id=?)");
    assertInIndexOrder(plan(ApiKeySql.LIST, 10), "api_keys_by_age");
    assertSearches(plan(SupportGrantSql.FIND, "t1", "g"), "USING PRIMARY KEY (id=?)");
    assertSearches(plan(SupportGrantSql.END, "revoked", 1L, "a", "g"), "USING PRIMARY KEY (id=?)");
    assertSearches(plan(SupportGrantSql.OF_TENANT, "t1", 10), "support_grants_by_tenant");
    assertSearches(plan(SupportGrantSql.ACTIVE, "t1", 1L), "support_grants_active");
    assertSearches(plan(SupportGrantSql.DUE, 1L, 10), "support_grants_due");
    assertSearches(plan(SupportGrantSql.ACTIVE_SESSIONS, "g", 10), "sessions_by_grant");
  }

  @Test
  void auditQueriesWalkAnIndexNewestFirstWithoutSorting() throws SQLException {
    Instant from = NOW.minusSeconds(3600);
    assertInIndexOrder(audit("t1", null, null, null, null, 0), "audit_by_tenant");
    assertInIndexOrder(audit("t1", from, NOW, null, null, 99), "audit_by_tenant");
    assertInIndexOrder(audit("t1", null, null, "u1", null, 99), "audit_by_actor");
    assertInIndexOrder(audit("t1", from, null, null, "s1", 0), "audit_by_target");
    assertInIndexOrder(audit(null, from, NOW, null, null, 99), "PRIMARY KEY");
    assertSearches(plan(AuditSql.PURGE, 1L, 100), "audit_by_time");
  }

  @Test
  void theEventFeedWalksItsPrimaryKeyWithoutSorting() throws SQLException {
    assertSearches(plan(EventSql.AFTER, 0L, 100), "INTEGER PRIMARY KEY");
    assertSearches(plan(EventSql.DELETE_THROUGH, 5L), "INTEGER PRIMARY KEY");
    // A purge reads the oldest events in key order and stops at its limit.
    List<String> oldest = plan(EventSql.OLDEST, 100);
    assertThat(oldest).as("plan %s", oldest).noneMatch(step -> step.contains("TEMP B-TREE"));
  }

  private List<String> audit(String tenant, Instant from, Instant to, String actor, String target,
      long beforeSeq) throws SQLException {
    AuditSql.Select select =
        AuditSql.select(new AuditQuery(tenant, from, to, actor, target, beforeSeq, 20));
    return plan(select.sql(), select.params().toArray());
  }

  private static void assertInIndexOrder(List<String> plan, String index) {
    assertThat(plan).as("plan %s", plan)
        .noneMatch(step -> step.contains("TEMP B-TREE"))
        .anyMatch(step -> step.contains(index));
  }

  private static void assertSearches(List<String> plan, String index) {
    assertThat(plan).as("plan %s", plan)
        .noneMatch(step -> step.startsWith("SCAN ") && !step.contains(" USING "))
        .anyMatch(step -> step.startsWith("SEARCH ") && step.contains(index));
  }

  private static void assertUsesAnIndex(List<String> plan) {
    assertThat(plan).as("plan %s", plan)
        .noneMatch(step -> step.matches("SCAN sessions\\b(?! USING).*"))
        .anyMatch(step -> step.contains("USING INDEX") || step.contains("USING COVERING INDEX")
            || step.contains("USING PRIMARY KEY"));
  }

  private List<String> plan(String sql, Object... params) throws SQLException {
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      for (int i = 0; i < params.length; i++) {
        explain.setObject(i + 1, params[i]);
      }
      List<String> steps = new ArrayList<>();
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          steps.add(rows.getString("detail"));
        }
      }
      return steps;
    }
  }

  private static List<SessionStatus> statusesAndNull() {
    List<SessionStatus> statuses = new ArrayList<>(List.of(SessionStatus.values()));
    statuses.add(null);
    return statuses;
  }
}
