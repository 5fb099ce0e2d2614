package dev.sessiond;

import dev.sessiond.internal.YauaaUserAgentParser;

/** Turns a User-Agent header into the browser, OS and client type a session view shows. */
public interface UserAgentParser {

  /**
   * Parses one header.
   *
   * @param userAgent the raw header; {@code null} or empty gives {@link ParsedUserAgent#UNKNOWN}
   * @return never {@code null}
   */
  ParsedUserAgent parse(String userAgent);

  /**
   * The parser sessiond uses: Yauaa, shared by every caller in the JVM and loaded on first use
   * (about two seconds). Call {@link #parse} once at start-up to pay that early.
   */
  static UserAgentParser standard() {
    return YauaaUserAgentParser.shared();
  }

  /**
   * What a User-Agent tells.
   *
   * @param browser such as {@code "Chrome 120"}; empty when unknown, never {@code null}
   * @param os such as {@code "Android 14"}; empty when unknown, never {@code null}
   * @param clientType the kind of client it looks like, never {@code null}
   */
  record ParsedUserAgent(String browser, String os, ClientType clientType) {
    /** What an absent header tells: nothing, so the client is taken to be an API client. */
    public static final ParsedUserAgent UNKNOWN = new ParsedUserAgent("", "", ClientType.API);
  }
}
