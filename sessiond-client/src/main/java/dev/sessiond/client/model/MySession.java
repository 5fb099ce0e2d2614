package dev.sessiond.client.model;

/**
 * One of an end user's own sessions, as self-service lists them.
 *
 * @param session the session; never {@code null}
 * @param current whether it is the session of the access token that asked
 */
public record MySession(Session session, boolean current) {}
