package dev.sessiond.server;

import static dev.sessiond.server.Callers.GLOBAL_ADMIN;
import static dev.sessiond.server.Callers.ORG_ADMIN;
import static dev.sessiond.server.ReplyAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.ManualClock;
import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import dev.sessiond.server.Callers.Key;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The audit log over HTTP. Every kind of action is driven once, before the tests, by callers of
 * each kind; each must have left one record with its time, tenant, actor, target, address and
 * outcome. The log pages newest first without gaps or repeats, filters work, a key of one tenant
 * reads only that tenant, and no secret of the run (tokens, keys, their SHA-256) is in any record,
 * in the audit table, or in any log line. Time is a {@link ManualClock}; the sweep runs every few
 * milliseconds so that a grant's expiry is recorded without waiting long.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogTest {
  private static final ManualClock CLOCK = new ManualClock(Instant.parse("2030-07-01T10:00:00Z"));
  private static final String TENANT = "al-acme";
  private static final int SK_SECRET_START = "sk_".length() + 16 + 1;
  private static final String WIPED = "al-wipe";
  private static final String LOCALHOST = "127.0.0.1";
  private static final Duration SWEEP_DEADLINE = Duration.ofSeconds(30);

  /** Attached before the server starts, so that its every log line is captured. */
  private static final ListAppender<ILoggingEvent> LOGS = captureLogs();

  @RegisterExtension
  static final RunningServer RUNNING =
      RunningServer.onSqlite(CLOCK, b -> b.sweepInterval(Duration.ofMillis(20)));

  private static final List<Expected> EXPECTED = new ArrayList<>();
  private static final Set<String> SECRETS = new LinkedHashSet<>();
  private static Instant afterReuse;

  @BeforeAll
  static void driveEveryAction() {
    Instant t0 = CLOCK.instant();
    ApiClient admin = RUNNING.api();
    SECRETS.add(RUNNING.server().adminKey());

    Key host = key(TENANT, "sessions.create", "sessions.refresh", "sessions.revoke",
        "sessions.revoke_all", "blacklist.write", "sessions.search");
    expect("api_key.created", TENANT, "api_key", "bootstrap", host.id(), "success",
        "methods=[blacklist.write, sessions.create, sessions.refresh, sessions.revoke, "
            + "sessions.revoke_all, sessions.search]");
    ApiClient hostApp = host.client(RUNNING);

    Opened alice = open(hostApp, TENANT, "alice");
    expect("session.opened", TENANT, "api_key", host.id(), alice.id(), "success", "");
    Reply refreshed = hostApp.refresh(alice.refreshToken());
    assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
    secrets(refreshed);
    expect("session.refreshed", TENANT, "api_key", host.id(), alice.id(), "success", "");

    Opened laptop = open(hostApp, TENANT, "alice");
    assertThat(hostApp.post("/v1/sessions/" + laptop.id() + "/revoke",
        "{\"reason\":\"stolen laptop\"}").status()).isEqualTo(200);
    expect("session.revoked", TENANT, "api_key", host.id(), laptop.id(), "success",
        "stolen laptop");

    open(hostApp, TENANT, "bob");
    open(hostApp, TENANT, "bob");
    assertThat(hostApp.post("/v1/users/bob/sessions/revoke", "{\"reason\":\"offboarded\"}")
        .json().get("revoked").asInt()).isEqualTo(2);
    expect("user.sessions_revoked", TENANT, "api_key", host.id(), "bob", "success", "revoked=2");

    open(admin, WIPED, "carol");
    assertThat(admin.post("/v1/tenants/" + WIPED + "/sessions/revoke", "{\"reason\":\"breach\"}")
        .json().get("revoked").asInt()).isEqualTo(1);
    expect("tenant.sessions_revoked", WIPED, "api_key", "bootstrap", WIPED, "success",
        "revoked=1");

    assertThat(hostApp.post("/v1/blacklist", ApiClient.json("name", "jti-4711", "ttl", 60))
        .status()).isEqualTo(201);
    expect("blacklist.added", TENANT, "api_key", host.id(), "jti-4711", "success",
        "until=" + t0.plusSeconds(60));

    Opened olgaSession = open(hostApp, TENANT, "olga", ORG_ADMIN);
    ApiClient olga = admin.withKey(olgaSession.accessToken());
    Instant grantExpiry = t0.plus(Duration.ofHours(1));
    Reply grant = olga.post("/v1/tenants/" + TENANT + "/support-grants",
        ApiClient.json("expiresAt", grantExpiry.toString()));
    assertThat(grant.status()).as("%s", grant).isEqualTo(201);
    String grantId = grant.json().get("id").asText();
    expect("grant.created", TENANT, "org_admin", "olga", grantId, "success",
        "expires_at=" + grantExpiry);
    ApiClient root = admin.withKey(open(admin, "al-ops", "root", GLOBAL_ADMIN).accessToken());
    Opened underGrant = open(root, TENANT, "root");
    expect("session.opened", TENANT, "global_admin", "root", underGrant.id(), "success",
        "support_grant=" + grantId);
    assertThat(olga.delete("/v1/tenants/" + TENANT + "/support-grants/" + grantId).status())
        .isEqualTo(200);
    expect("grant.revoked", TENANT, "org_admin", "olga", grantId, "success",
        "sessions_revoked=1");
    String expiring = Callers.grant(RUNNING, TENANT, t0.plus(Duration.ofMinutes(2)));

    Reply rotated = admin.post("/v1/keys/rotate", null);
    assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
    expect("signing_key.rotated", "*", "api_key", "bootstrap", rotated.json().get("kid").asText(),
        "success", "EDDSA");

    Key throwaway = key(TENANT, "sessions.get");
    expect("api_key.created", TENANT, "api_key", "bootstrap", throwaway.id(), "success",
        "methods=[sessions.get]");
    assertThat(admin.delete("/v1/api-keys/" + throwaway.id()).status()).isEqualTo(200);
    expect("api_key.revoked", TENANT, "api_key", "bootstrap", throwaway.id(), "success", "");

    Key monitor = key(TENANT, "sessions.search", "sessions.batch_get");
    assertProblem(monitor.client(RUNNING).post("/v1/sessions/" + alice.id() + "/touch", null),
        403, "method_not_permitted");
    expect("access.denied", TENANT, "api_key", monitor.id(), "sessions.touch", "denied",
        "method_not_permitted");
    assertProblem(hostApp.get("/v1/sessions?tenantId=al-beta"), 403, "tenant_not_permitted");
    // Recorded in the caller's own tenant: al-beta's auditors learn nothing of al-acme's keys.
    expect("access.denied", TENANT, "api_key", host.id(), "sessions.search", "denied",
        "tenant_not_permitted tenant=al-beta");

    Opened phone = open(hostApp, TENANT, "dave");
    Opened desktop = open(hostApp, TENANT, "dave");
    ApiClient dave = admin.withKey(desktop.accessToken());
    assertThat(dave.post("/v1/me/sessions/" + phone.id() + "/revoke", null).status())
        .isEqualTo(204);
    expect("session.revoked", TENANT, "user", "dave", phone.id(), "success", "user_revoked");
    assertThat(dave.post("/v1/me/logout", null).status()).isEqualTo(204);
    expect("session.revoked", TENANT, "user", "dave", desktop.id(), "success", "logout");

    Opened stolen = open(hostApp, TENANT, "erin");
    Reply rotatedAway = hostApp.refresh(stolen.refreshToken());
    secrets(rotatedAway);
    afterReuse = CLOCK.advance(Duration.ofSeconds(31));
    assertProblem(hostApp.refresh(stolen.refreshToken()), 400, "refresh_token_reused");
    expect("refresh_token.reused", TENANT, "api_key", host.id(), stolen.id(), "denied",
        "session_revoked");

    CLOCK.advance(Duration.ofMinutes(2));
    awaitSweepRecord(expiring);
    expect("grant.expired", TENANT, "system", "system", expiring, "success",
        "sessions_revoked=0");
  }

  @AfterAll
  static void stopCapturingLogs() {
    rootLogger().detachAppender(LOGS);
    LOGS.stop();
    logger("dev.sessiond").setLevel(Level.INFO);
    logger("dev.sessiond.server.internal.Sweeps").setLevel(null);
  }

  @Test
  @Order(1)
  void everyActionLeftOneRecordWithWhoWhatWhereAndWhen() {
    List<JsonNode> records = allRecords(RUNNING.api(), "/v1/audit?pageSize=100");
    for (Expected expected : EXPECTED) {
      List<JsonNode> matching = records.stream().filter(expected::matches).toList();
      assertThat(matching).as("records of %s", expected).hasSize(1);
      JsonNode record = matching.get(0);
      assertThat(Instant.parse(record.get("at").asText())).as("time of %s", expected)
          .isEqualTo(expected.at());
      assertThat(record.get("tenantId").asText()).as("%s", expected).isEqualTo(expected.tenantId());
      assertThat(record.get("actorKind").asText()).as("%s", expected)
          .isEqualTo(expected.actorKind());
      assertThat(record.get("outcome").asText()).as("%s", expected).isEqualTo(expected.outcome());
      assertThat(record.get("detail").asText()).as("%s", expected).isEqualTo(expected.detail());
      assertThat(record.get("ip").asText()).as("%s", expected)
          .isEqualTo(expected.actorKind().equals("system") ? "" : LOCALHOST);
    }
  }

  @Test
  @Order(2)
  void pagingSeesEveryRecordExactlyOnceNewestFirst() {
    List<JsonNode> paged = allRecords(RUNNING.api(), "/v1/audit?pageSize=3");
    List<JsonNode> whole = allRecords(RUNNING.api(), "/v1/audit?pageSize=100");

    List<Long> seqs = paged.stream().map(r -> r.get("seq").asLong()).toList();
    assertThat(new HashSet<>(seqs)).as("no record twice").hasSameSizeAs(seqs);
    assertThat(seqs).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    for (int i = 1; i < paged.size(); i++) {
      assertThat(Instant.parse(paged.get(i).get("at").asText()))
          .isBeforeOrEqualTo(Instant.parse(paged.get(i - 1).get("at").asText()));
    }
    assertThat(paged).as("every record, as one big page shows them").isEqualTo(whole);
    for (Expected expected : EXPECTED) {
      assertThat(paged.stream().filter(expected::matches).count()).as("%s", expected)
          .isEqualTo(1);
    }
  }

  @Test
  @Order(3)
  void filtersNarrowByTenantActorTargetAndTime() {
    ApiClient admin = RUNNING.api();
    List<JsonNode> wiped = allRecords(admin, "/v1/audit?tenantId=" + WIPED);
    assertThat(wiped).extracting(r -> r.get("action").asText())
        .containsExactly("tenant.sessions_revoked", "session.opened");

    Expected byHost = EXPECTED.stream().filter(e -> e.action().equals("session.refreshed"))
        .findFirst().orElseThrow();
    List<JsonNode> ofHost = allRecords(admin, "/v1/audit?actorId=" + byHost.actorId());
    assertThat(ofHost).isNotEmpty().allMatch(r -> r.get("actorId").asText().equals(byHost.actorId()));
    assertThat(ofHost).filteredOn(byHost::matches).hasSize(1);

    Expected revoked = EXPECTED.stream().filter(e -> e.detail().equals("stolen laptop"))
        .findFirst().orElseThrow();
    assertThat(allRecords(admin, "/v1/audit?target=" + revoked.target()))
        .extracting(r -> r.get("action").asText())
        .containsExactly("session.revoked", "session.opened");

    String at = encode(afterReuse.toString());
    List<JsonNode> all = allRecords(admin, "/v1/audit");
    List<JsonNode> from = allRecords(admin, "/v1/audit?from=" + at);
    List<JsonNode> to = allRecords(admin, "/v1/audit?to=" + at);
    assertThat(from).isNotEmpty()
        .allMatch(r -> !Instant.parse(r.get("at").asText()).isBefore(afterReuse));
    assertThat(to).isNotEmpty()
        .allMatch(r -> Instant.parse(r.get("at").asText()).isBefore(afterReuse));
    assertThat(from.size() + to.size()).isEqualTo(all.size());
    assertThat(from).anyMatch(r -> r.get("action").asText().equals("refresh_token.reused"));
  }

  @Test
  @Order(4)
  void aKeyOfOneTenantReadsOnlyThatTenantsRecords() {
    ApiClient auditor = key(TENANT, "audit.read").client(RUNNING);

    List<JsonNode> seen = allRecords(auditor, "/v1/audit?pageSize=7");
    assertThat(seen).isNotEmpty().allMatch(r -> r.get("tenantId").asText().equals(TENANT));
    assertThat(seen).hasSameSizeAs(allRecords(RUNNING.api(), "/v1/audit?tenantId=" + TENANT));
    assertThat(allRecords(auditor, "/v1/audit?tenantId=" + TENANT)).isEqualTo(seen);
    assertProblem(auditor.get("/v1/audit?tenantId=" + WIPED), 403, "tenant_not_permitted");
    assertProblem(auditor.get("/v1/audit?tenantId=*"), 403, "tenant_not_permitted");
  }

  @Test
  @Order(5)
  void noSecretOfTheRunIsInAnyRecordTheAuditTableOrTheLogs() throws Exception {
    Set<String> needles = new LinkedHashSet<>();
    for (String secret : SECRETS) {
      needles.add(secret);
      needles.add(sha256Hex(secret));
      // An API key is sk_<16-hex id>_<secret>; the secret itself may contain '_'.
      if (secret.startsWith("sk_") && secret.length() > SK_SECRET_START) {
        needles.add(secret.substring(SK_SECRET_START));
      }
    }
    assertThat(SECRETS).as("tokens and keys of the run").hasSizeGreaterThan(20);

    for (JsonNode record : allRecords(RUNNING.api(), "/v1/audit?pageSize=100")) {
      assertNoNeedle("audit record " + record.get("seq"), record.toString(), needles);
    }
    assertNoNeedle("the audit_log table", auditTableText(), needles);
    List<ILoggingEvent> events = List.copyOf(LOGS.list);
    assertThat(events).as("the run logged something").isNotEmpty();
    for (ILoggingEvent event : events) {
      String text = event.getFormattedMessage() + " " + event.getMDCPropertyMap()
          + (event.getThrowableProxy() == null ? ""
              : " " + ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertNoNeedle("a log line of " + event.getLoggerName(), text, needles);
    }
  }

  // ---- helpers ----

  /** One record an action must have left; matched by action, actor and target. */
  record Expected(Instant at, String action, String tenantId, String actorKind, String actorId,
      String target, String outcome, String detail) {
    boolean matches(JsonNode record) {
      return record.get("action").asText().equals(action)
          && record.get("actorId").asText().equals(actorId)
          && record.get("target").asText().equals(target);
    }
  }

  private static void expect(String action, String tenantId, String actorKind, String actorId,
      String target, String outcome, String detail) {
    EXPECTED.add(new Expected(CLOCK.instant(), action, tenantId, actorKind, actorId, target,
        outcome, detail));
  }

  private static Key key(String tenantId, String... methods) {
    Key key = Callers.apiKey(RUNNING, tenantId, methods);
    SECRETS.add(key.secret());
    return key;
  }

  /** Opens a session with {@code client}'s credential and keeps its tokens as secrets. */
  private static Opened open(ApiClient client, String tenantId, String userId, String... roles) {
    Opened opened = client.open(Callers.openBody(tenantId, userId, roles));
    SECRETS.add(opened.accessToken());
    SECRETS.add(opened.refreshToken());
    return opened;
  }

  private static void secrets(Reply tokens) {
    SECRETS.add(tokens.json().get("accessToken").asText());
    SECRETS.add(tokens.json().get("refreshToken").asText());
  }

  /**
   * Waits for the periodic sweep (every 20 ms here) to record the expiry of {@code grantId}, by
   * asking the log; fails after {@link #SWEEP_DEADLINE}.
   */
  private static void awaitSweepRecord(String grantId) {
    long deadline = System.nanoTime() + SWEEP_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode record : RUNNING.api().get("/v1/audit?target=" + grantId).json().get("items")) {
        if (record.get("action").asText().equals("grant.expired")) {
          return;
        }
      }
      Thread.onSpinWait();
    }
    fail("no sweep recorded the expiry of grant " + grantId);
  }

  /** Every record {@code client} sees at {@code path}, following {@code nextPageToken}. */
  private static List<JsonNode> allRecords(ApiClient client, String path) {
    List<JsonNode> records = new ArrayList<>();
    String separator = path.contains("?") ? "&" : "?";
    String next = null;
    do {
      Reply page = client.get(next == null ? path
          : path + separator + "pageToken=" + encode(next));
      assertThat(page.status()).as("%s", page).isEqualTo(200);
      page.json().get("items").forEach(records::add);
      JsonNode token = page.json().get("nextPageToken");
      next = token == null || token.isNull() ? null : token.asText();
    } while (next != null);
    return records;
  }

  /** Every row of the audit table, read straight from the SQLite file. */
  private static String auditTableText() throws SQLException {
    StringBuilder text = new StringBuilder();
    String url = "jdbc:sqlite:" + RUNNING.dataDir().resolve("sessiond.db");
    try (Connection db = DriverManager.getConnection(url);
        Statement query = db.createStatement();
        ResultSet rows = query.executeQuery("SELECT * FROM audit_log")) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int i = 1; i <= columns; i++) {
          text.append(rows.getString(i)).append('\t');
        }
        text.append('\n');
      }
    }
    assertThat(text).as("the audit table has rows").isNotEmpty();
    return text.toString();
  }

  private static void assertNoNeedle(String where, String haystack, Set<String> needles) {
    for (String needle : needles) {
      if (haystack.contains(needle)) {
        fail(where + " holds a secret of the run, or its hash, starting " + needle.substring(0, 6));
      }
    }
  }

  private static String sha256Hex(String secret) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(secret.getBytes(StandardCharsets.UTF_8)));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * Adds a capturing appender to the root logger and lets sessiond's own loggers log everything,
   * but the sweep's line per run (counts only), which every few milliseconds would drown the rest.
   */
  private static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    appender.start();
    rootLogger().addAppender(appender);
    logger("dev.sessiond").setLevel(Level.TRACE);
    logger("dev.sessiond.server.internal.Sweeps").setLevel(Level.INFO);
    return appender;
  }

  private static Logger rootLogger() {
    return logger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static Logger logger(String name) {
    return (Logger) LoggerFactory.getLogger(name);
  }
}
