package dev.sessiond;

import dev.sessiond.internal.FieldRules;
import dev.sessiond.internal.Walls;
import dev.sessiond.store.AuditQuery;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.AuditStore;
import java.util.List;

/**
 * {@link AuditLog} on a store: {@link Method#AUDIT_READ} in the tenant (or, for callers of every
 * tenant that name none, across tenants), newest first, paged by position.
 */
final class ScopedAuditLog implements AuditLog {
  private static final String TOKEN_PREFIX = "a";

  private final Walls walls;
  private final AuditStore store;

  ScopedAuditLog(Walls walls, AuditStore store) {
    this.walls = walls;
    this.store = store;
  }

  @Override
  public Page<AuditRecord> search(CapabilityContext context, AuditSearch search) {
    String tenant;
    if (search.tenantId() == null && context.tenantId() == null && context.caller().allTenants()
        && context.caller().sessionId() == null) {
      walls.requireMethod(context, Method.AUDIT_READ);
      tenant = null;
    } else if (AuditRecord.DEPLOYMENT.equals(search.tenantId())) {
      walls.requireEveryTenant(context, Method.AUDIT_READ);
      tenant = AuditRecord.DEPLOYMENT;
    } else {
      tenant = walls.requireTenant(context, Method.AUDIT_READ, search.tenantId());
    }
    int pageSize = search.pageSize() == 0 ? SearchRequest.DEFAULT_PAGE_SIZE : search.pageSize();
    if (pageSize < 1 || pageSize > SearchRequest.MAX_PAGE_SIZE) {
      throw new SessiondException(ErrorCode.INVALID_PAGE_SIZE,
          "pageSize must be between 1 and " + SearchRequest.MAX_PAGE_SIZE);
    }
    if (search.from() != null && search.to() != null && !search.from().isBefore(search.to())) {
      throw FieldRules.invalid("from", "must be before to");
    }
    List<AuditRecord> rows = store.audit(new AuditQuery(tenant, search.from(), search.to(),
        blankToNull(search.actorId()), blankToNull(search.target()),
        beforeSeq(search.pageToken()), pageSize + 1));
    List<AuditRecord> page = rows.size() > pageSize ? rows.subList(0, pageSize) : rows;
    String next = rows.size() > pageSize ? TOKEN_PREFIX + page.get(pageSize - 1).seq() : null;
    return new Page<>(List.copyOf(page), next);
  }

  private static long beforeSeq(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    if (token.length() > 20 || !token.startsWith(TOKEN_PREFIX)) {
      throw invalidToken();
    }
    try {
      long seq = Long.parseLong(token.substring(TOKEN_PREFIX.length()));
      if (seq < 1) {
        throw invalidToken();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw invalidToken();
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : FieldRules.requiredText("filter", value, 256);
  }

  private static SessiondException invalidToken() {
    return new SessiondException(ErrorCode.INVALID_PAGE_TOKEN, "pageToken is not a valid page token");
  }
}
