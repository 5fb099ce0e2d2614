package dev.sessiond;

import dev.sessiond.store.AuditRecord;

/**
 * Reading the audit log ({@link Method#AUDIT_READ}). Every write and security event leaves a
 * record; none holds a secret. Obtained from {@link SessionEngine#admin()}.
 */
public interface AuditLog {

  /**
   * One page of records, newest first, inside the caller's walls.
   *
   * @throws SessiondException {@link ErrorCode#TENANT_NOT_PERMITTED}, {@link
   *     ErrorCode#INVALID_PAGE_TOKEN}, {@link ErrorCode#INVALID_PAGE_SIZE}, {@link
   *     ErrorCode#INVALID_FIELD}
   */
  Page<AuditRecord> search(CapabilityContext context, AuditSearch search);
}
