package dev.sessiond.tck;

import dev.sessiond.ClientType;
import dev.sessiond.SessionStatus;
import dev.sessiond.store.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds {@link SessionRecord}s for contract tests. Ids are unique and sort in creation order, so
 * tests can reason about the {@code id} tie-break. Defaults: active, web, 30 min idle, 12 h
 * lifetime, no support grant.
 */
public final class TestRecords {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private String id = nextId();
  private String tenantId = "t1";
  private String userId = "u1";
  private String username = "alice";
  private List<String> roles = List.of("user");
  private ClientType clientType = ClientType.WEB;
  private String ip = "10.0.0.1";
  private Map<String, String> attributes = Map.of();
  private Instant loginAt;
  private Duration idle = Duration.ofMinutes(30);
  private Duration lifetime = Duration.ofHours(12);
  private String supportGrantId = "";

  private TestRecords(Instant loginAt) {
    this.loginAt = loginAt;
  }

  /** A builder for a session opened at {@code loginAt}. */
  public static TestRecords openedAt(Instant loginAt) {
    return new TestRecords(loginAt);
  }

  /** A fresh id: 64 hex characters that sort after every earlier one. */
  public static String nextId() {
    byte[] bytes = new byte[32];
    long n = SEQUENCE.incrementAndGet();
    for (int i = 0; i < 8; i++) {
      bytes[16 + i] = (byte) (n >>> (56 - 8 * i));
    }
    bytes[0] = (byte) 0xab;
    return HexFormat.of().formatHex(bytes);
  }

  public TestRecords tenant(String value) {
    tenantId = value;
    return this;
  }

  public TestRecords user(String value) {
    userId = value;
    return this;
  }

  public TestRecords username(String value) {
    username = value;
    return this;
  }

  public TestRecords roles(List<String> value) {
    roles = value;
    return this;
  }

  public TestRecords clientType(ClientType value) {
    clientType = value;
    return this;
  }

  public TestRecords ip(String value) {
    ip = value;
    return this;
  }

  public TestRecords attributes(Map<String, String> value) {
    attributes = value;
    return this;
  }

  public TestRecords idle(Duration value) {
    idle = value;
    return this;
  }

  public TestRecords lifetime(Duration value) {
    lifetime = value;
    return this;
  }

  /** Opened by a global admin under support grant {@code value}; {@code ""} (the default): none. */
  public TestRecords supportGrant(String value) {
    supportGrantId = value;
    return this;
  }

  /** The active record. */
  public SessionRecord build() {
    Instant absolute = loginAt.plus(lifetime);
    Instant idleExpiry = loginAt.plus(idle);
    return new SessionRecord(id, tenantId, userId, username, roles, clientType, "Engineering", ip,
        "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0", "Firefox 120", "Linux", attributes,
        loginAt, loginAt, idleExpiry.isBefore(absolute) ? idleExpiry : absolute, absolute, idle,
        SessionStatus.ACTIVE, null, supportGrantId);
  }
}
