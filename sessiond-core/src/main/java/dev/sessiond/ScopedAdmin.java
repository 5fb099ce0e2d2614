package dev.sessiond;

/** The {@link Admin} capabilities of an engine. */
record ScopedAdmin(SessionAdmin sessions, SupportGrants grants, AuditLog audit, ApiKeys apiKeys)
    implements Admin {}
