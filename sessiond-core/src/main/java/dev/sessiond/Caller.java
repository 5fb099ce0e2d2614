package dev.sessiond;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who is asking. Four kinds reach sessiond from outside, plus trusted in-process code:
 *
 * <ul>
 *   <li>an {@linkplain Kind#API_KEY API client}: a key acting in one tenant, or in every tenant,
 *       with the {@link Method}s its manifest declares;
 *   <li>an {@linkplain Kind#USER end user}, with their own access token: only self-service;
 *   <li>an {@linkplain Kind#ORG_ADMIN org admin}: a user whose session holds the role {@value
 *       #ORG_ADMIN_ROLE}, governing sessions of their own tenant;
 *   <li>a {@linkplain Kind#GLOBAL_ADMIN global admin}: a user whose session holds the role {@value
 *       #GLOBAL_ADMIN_ROLE}, acting on a tenant only while it has an active support grant;
 *   <li>a {@linkplain Kind#SERVICE service}: code in the same process (the CLI, an embedding
 *       application), with every method in every tenant.
 * </ul>
 *
 * Immutable.
 */
public final class Caller {
  /** The role that makes a session's user an org admin of its tenant. */
  public static final String ORG_ADMIN_ROLE = "org_admin";
  /** The role that makes a session's user a global admin. */
  public static final String GLOBAL_ADMIN_ROLE = "global_admin";

  /** The kinds of caller. */
  public enum Kind {
    API_KEY("api_key"),
    USER("user"),
    ORG_ADMIN("org_admin"),
    GLOBAL_ADMIN("global_admin"),
    SERVICE("service");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    /** The name in audit records, such as {@code api_key}. */
    public String wireName() {
      return wireName;
    }
  }

  private final Kind kind;
  private final String id;
  private final String tenantId;
  private final Set<Method> methods;
  private final String sessionId;
  private final List<String> roles;

  private Caller(Kind kind, String id, String tenantId, Set<Method> methods, String sessionId,
      List<String> roles) {
    this.kind = kind;
    this.id = Objects.requireNonNull(id, "id");
    this.tenantId = tenantId;
    this.methods = methods.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(methods));
    this.sessionId = sessionId;
    this.roles = List.copyOf(roles);
  }

  /**
   * An API client.
   *
   * @param keyId the key's id; never {@code null}
   * @param tenantId the one tenant it acts in; {@code null} for every tenant
   * @param methods what its manifest declares; never {@code null}
   */
  public static Caller apiKey(String keyId, String tenantId, Set<Method> methods) {
    return new Caller(Kind.API_KEY, keyId, tenantId, Objects.requireNonNull(methods, "methods"),
        null, List.of());
  }

  /** Trusted code in this process, named {@code name} in audit records. */
  public static Caller service(String name) {
    return new Caller(Kind.SERVICE, name, null, EnumSet.allOf(Method.class), null, List.of());
  }

  /**
   * The user of a verified session: a {@link Kind#GLOBAL_ADMIN} if {@code roles} holds {@value
   * #GLOBAL_ADMIN_ROLE}, else an {@link Kind#ORG_ADMIN} if it holds {@value #ORG_ADMIN_ROLE},
   * else a {@link Kind#USER}. Every argument is required.
   */
  public static Caller sessionUser(String tenantId, String userId, String sessionId,
      Collection<String> roles) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(sessionId, "sessionId");
    Kind kind = roles.contains(GLOBAL_ADMIN_ROLE) ? Kind.GLOBAL_ADMIN
        : roles.contains(ORG_ADMIN_ROLE) ? Kind.ORG_ADMIN : Kind.USER;
    return new Caller(kind, userId, tenantId, Set.of(), sessionId, List.copyOf(roles));
  }

  /** What kind of caller this is. */
  public Kind kind() {
    return kind;
  }

  /** The key id, user id or service name; never {@code null}. */
  public String id() {
    return id;
  }

  /**
   * The caller's own tenant: the key's tenant, or the session's. {@code null} for a key or service
   * of every tenant.
   */
  public String tenantId() {
    return tenantId;
  }

  /** Whether this caller may act in every tenant (subject to its methods). */
  public boolean allTenants() {
    return tenantId == null;
  }

  /** The methods an API key or service declares; empty for session users, whose rights come from roles. */
  public Set<Method> methods() {
    return methods;
  }

  /** The caller's own session, for session users; {@code null} for keys and services. */
  public String sessionId() {
    return sessionId;
  }

  /** The session's roles, for session users; empty otherwise. */
  public List<String> roles() {
    return roles;
  }

  /** Whether this is a session user whose session holds {@value #ORG_ADMIN_ROLE}. */
  public boolean isOrgAdmin() {
    return sessionId != null && roles.contains(ORG_ADMIN_ROLE);
  }

  /** Whether this is a session user whose session holds {@value #GLOBAL_ADMIN_ROLE}. */
  public boolean isGlobalAdmin() {
    return sessionId != null && roles.contains(GLOBAL_ADMIN_ROLE);
  }

  /** How audit records and revocations name this caller, such as {@code api_key:ops}. */
  public String actor() {
    return kind.wireName() + ":" + id;
  }

  @Override
  public String toString() {
    return actor();
  }
}
