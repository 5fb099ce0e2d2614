package dev.sessiond.client.internal.verify;

import java.time.Instant;

/**
 * One event of sessiond's feed ({@code GET /v1/events}) as the verifier needs it. Members the
 * event's type does not carry are empty strings, never {@code null}; {@code until} is {@code null}
 * except on {@code blacklisted}.
 *
 * @param seq the feed position
 * @param type the wire name, such as {@code session.revoked}
 * @param at when it took effect; for {@code watermark.raised} the mark itself
 */
public record FeedEvent(long seq, String type, Instant at, String tenantId, String sessionId,
    String userId, String name, Instant until) {
  public static final String SESSION_REVOKED = "session.revoked";
  public static final String SESSION_EXPIRED = "session.expired";
  public static final String BLACKLISTED = "blacklisted";
  public static final String WATERMARK_RAISED = "watermark.raised";
  public static final String SIGNING_KEY_ROTATED = "signing_key.rotated";
}
