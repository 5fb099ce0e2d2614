package dev.sessiond.store.redis.internal;

import dev.sessiond.ClientType;
import dev.sessiond.SessionStatus;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A session as the fields of its hash. The scripts read {@code id u ct login exp abs st gr} and
 * write {@code last exp st eat erz eac}; status is kept in lower case.
 */
final class SessionCodec {
  private SessionCodec() {}

  static List<String> fields(SessionRecord r) {
    List<String> f = new ArrayList<>(List.of("id", r.id(), "t", r.tenantId(), "u", r.userId(),
        "un", r.username(), "roles", Codec.json(r.roles()), "ct", r.clientType().name(),
        "dept", r.deptName(), "ip", r.ip(), "ua", r.userAgent(), "br", r.browser(), "os", r.os(),
        "attrs", Codec.json(r.attributes()), "login", Codec.ms(r.loginAt()),
        "last", Codec.ms(r.lastActiveAt()), "exp", Codec.ms(r.expiresAt()),
        "abs", Codec.ms(r.absoluteExpiresAt()), "idle", r.idleTimeout().toString(),
        "st", r.status().name().toLowerCase(Locale.ROOT), "gr", r.supportGrantId()));
    if (r.ending() != null) {
      f.addAll(List.of("eat", Codec.ms(r.ending().at()), "erz", r.ending().reason(),
          "eac", r.ending().actor()));
    }
    return f;
  }

  /** The record, or {@code null} for an empty (missing) hash. */
  static SessionRecord record(Map<String, String> f) {
    if (f.isEmpty()) {
      return null;
    }
    SessionStatus status = SessionStatus.valueOf(f.get("st").toUpperCase(Locale.ROOT));
    Ending ending = status == SessionStatus.ACTIVE ? null
        : new Ending(Codec.instant(f.get("eat")), f.get("erz"), f.get("eac"));
    return new SessionRecord(f.get("id"), f.get("t"), f.get("u"), f.get("un"),
        Codec.list(f.get("roles")), ClientType.valueOf(f.get("ct")), f.get("dept"), f.get("ip"),
        f.get("ua"), f.get("br"), f.get("os"), Codec.map(f.get("attrs")),
        Codec.instant(f.get("login")), Codec.instant(f.get("last")), Codec.instant(f.get("exp")),
        Codec.instant(f.get("abs")), Duration.parse(f.get("idle")), status, ending, f.get("gr"));
  }
}
