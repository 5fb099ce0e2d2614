package dev.sessiond;

import java.util.Optional;

/** What kind of state change an {@link Event} reports; {@link #wireName()} is its name on the feed. */
public enum EventType {
  /** A session was opened. */
  SESSION_CREATED("session.created"),
  /** A session's refresh token was rotated. */
  SESSION_REFRESHED("session.refreshed"),
  /** A session was revoked (by a caller, a session limit, refresh-token reuse or a grant's end). */
  SESSION_REVOKED("session.revoked"),
  /** A sweep marked a session expired (idle timeout or absolute lifetime). */
  SESSION_EXPIRED("session.expired"),
  /** A name (session name or token id) was blacklisted until {@link Event#until()}. */
  BLACKLISTED("blacklisted"),
  /** Tokens of a user, or of a whole tenant, issued up to {@link Event#at()} stopped verifying. */
  WATERMARK_RAISED("watermark.raised"),
  /** A new signing key became active. */
  SIGNING_KEY_ROTATED("signing_key.rotated"),
  /** An API key was revoked. */
  API_KEY_REVOKED("api_key.revoked"),
  /** A support grant ended (revoked or expired). */
  GRANT_ENDED("grant.ended");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the feed and in stores, such as {@code session.revoked}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The type with that wire name.
   *
   * @return the type, or empty if {@code wireName} is {@code null} or unknown
   */
  public static Optional<EventType> fromWireName(String wireName) {
    for (EventType type : values()) {
      if (type.wireName.equals(wireName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
