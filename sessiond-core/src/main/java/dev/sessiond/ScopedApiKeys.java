package dev.sessiond;

import dev.sessiond.internal.ApiKeyRegistry;
import dev.sessiond.internal.AuditTrail;
import dev.sessiond.internal.FieldRules;
import dev.sessiond.internal.Walls;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ApiKeys} on a registry: {@link Method#API_KEYS_MANAGE}, and never a key with more than
 * its maker: no tenant outside the maker's walls, no method the maker lacks.
 */
final class ScopedApiKeys implements ApiKeys {
  private final Walls walls;
  private final ApiKeyRegistry keys;
  private final AuditTrail audit;

  ScopedApiKeys(Walls walls, ApiKeyRegistry keys, AuditTrail audit) {
    this.walls = walls;
    this.keys = keys;
    this.audit = audit;
  }

  @Override
  public CreatedApiKey create(CapabilityContext context, String tenantId, Set<Method> methods,
      String name) {
    Caller caller = context.caller();
    walls.requireMethod(context, Method.API_KEYS_MANAGE);
    String tenant = tenantId == null && caller.allTenants() ? null
        : walls.requireTenant(context, Method.API_KEYS_MANAGE, tenantId);
    if (methods == null || methods.isEmpty()) {
      throw new SessiondException(ErrorCode.MISSING_FIELD, "methods must name at least one method");
    }
    for (Method method : methods) {
      if (!caller.methods().contains(method)) {
        throw new SessiondException(ErrorCode.METHOD_NOT_PERMITTED,
            "a key cannot be given " + method.wireName() + ", which its maker lacks");
      }
    }
    String label = FieldRules.optionalText("name", name, 128);
    CreatedApiKey created = keys.create(tenant, methods, label, caller.actor());
    audit.record(context, "api_key.created", tenant, created.key().id(), AuditTrail.SUCCESS,
        "methods=" + created.key().methods().stream().map(Method::wireName).sorted().toList());
    return created;
  }

  @Override
  public List<ApiKey> list(CapabilityContext context) {
    walls.requireMethod(context, Method.API_KEYS_MANAGE);
    return keys.list().stream().filter(k -> inside(context.caller(), k)).toList();
  }

  @Override
  public Optional<ApiKey> revoke(CapabilityContext context, String id) {
    walls.requireMethod(context, Method.API_KEYS_MANAGE);
    Optional<ApiKey> key = keys.find(id).filter(k -> inside(context.caller(), k));
    if (key.isEmpty()) {
      return Optional.empty();
    }
    if (keys.revoke(id)) {
      audit.record(context, "api_key.revoked", key.get().tenantId(), id, AuditTrail.SUCCESS, null);
    }
    return keys.find(id);
  }

  /** Keys of every tenant are visible only to callers of every tenant. */
  private static boolean inside(Caller caller, ApiKey key) {
    return caller.allTenants() || caller.tenantId().equals(key.tenantId());
  }
}
