package dev.sessiond;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Managing API keys ({@link Method#API_KEYS_MANAGE}). A caller can only make keys it could act as
 * itself: inside its own walls and with methods it holds. Obtained from {@link
 * SessionEngine#admin()}.
 */
public interface ApiKeys {

  /**
   * Makes a key.
   *
   * @param tenantId the one tenant it will act in; {@code null} for every tenant
   * @param methods what it may call; at least one
   * @param name a label; {@code null} for none
   * @throws SessiondException {@link ErrorCode#MISSING_FIELD}, {@link ErrorCode#INVALID_FIELD},
   *     {@link ErrorCode#TENANT_NOT_PERMITTED}, {@link ErrorCode#METHOD_NOT_PERMITTED} if it would
   *     exceed the caller's own rights
   */
  CreatedApiKey create(CapabilityContext context, String tenantId, Set<Method> methods,
      String name);

  /**
   * The keys inside the caller's walls, live and revoked, oldest first, at most 1000.
   *
   * @return never {@code null}
   */
  List<ApiKey> list(CapabilityContext context);

  /**
   * Revokes a key; calls made with it fail from now on. Revoking a revoked key changes nothing.
   *
   * @return the key after the call; empty if there is none inside the caller's walls
   */
  Optional<ApiKey> revoke(CapabilityContext context, String id);
}
