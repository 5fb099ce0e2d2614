package dev.sessiond;

import dev.sessiond.internal.GrantKeeper;
import dev.sessiond.internal.Walls;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link SupportGrants} on an engine: {@link Method#GRANTS_MANAGE} in the tenant, then the keeper. */
final class ScopedSupportGrants implements SupportGrants {
  private final Walls walls;
  private final GrantKeeper grants;

  ScopedSupportGrants(Walls walls, GrantKeeper grants) {
    this.walls = walls;
    this.grants = grants;
  }

  @Override
  public SupportGrant create(CapabilityContext context, Instant expiresAt, String note) {
    String tenant = walls.requireTenant(context, Method.GRANTS_MANAGE, null);
    return grants.create(context, tenant, expiresAt, note);
  }

  @Override
  public List<SupportGrant> list(CapabilityContext context) {
    return grants.list(walls.requireTenant(context, Method.GRANTS_MANAGE, null));
  }

  @Override
  public Optional<SupportGrant> get(CapabilityContext context, String id) {
    return grants.find(walls.requireTenant(context, Method.GRANTS_MANAGE, null), id);
  }

  @Override
  public Optional<SupportGrant> revoke(CapabilityContext context, String id) {
    String tenant = walls.requireTenant(context, Method.GRANTS_MANAGE, null);
    return grants.revoke(context, tenant, id);
  }
}
