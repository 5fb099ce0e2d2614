package dev.sessiond;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's support grants ({@link Method#GRANTS_MANAGE}), each acting in the context's tenant
 * (or the caller's own). Global admins may act on a tenant only while it has an active grant.
 * Revoking a grant, or its expiry, ends that access at once and revokes every session a global
 * admin opened under it. Obtained from {@link SessionEngine#admin()}.
 */
public interface SupportGrants {

  /**
   * Grants global admins access to the tenant until {@code expiresAt}.
   *
   * @param expiresAt required; after now and no later than now plus the configured maximum
   * @param note why; {@code null} for none
   * @throws SessiondException {@link ErrorCode#MISSING_FIELD}, {@link ErrorCode#INVALID_FIELD}
   */
  SupportGrant create(CapabilityContext context, Instant expiresAt, String note);

  /**
   * The tenant's grants in every status, newest first, at most 100.
   *
   * @return never {@code null}
   */
  List<SupportGrant> list(CapabilityContext context);

  /**
   * One of the tenant's grants, in any status.
   *
   * @return empty if the tenant has no grant with {@code id}
   */
  Optional<SupportGrant> get(CapabilityContext context, String id);

  /**
   * Revokes a grant and every session opened under it. Revoking an ended grant changes nothing.
   *
   * @return the grant after the call; empty if the tenant has no grant with {@code id}
   */
  Optional<SupportGrant> revoke(CapabilityContext context, String id);
}
