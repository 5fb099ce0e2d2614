package dev.sessiond.internal;

import dev.sessiond.ClientType;
import dev.sessiond.UserAgentParser;
import java.util.Locale;
import java.util.Set;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/** {@link UserAgentParser} on Yauaa, restricted to the fields sessiond shows, with a result cache. */
public final class YauaaUserAgentParser implements UserAgentParser {
  private static final String DEVICE_CLASS = "DeviceClass";
  private static final String AGENT_CLASS = "AgentClass";
  private static final String AGENT = "AgentNameVersionMajor";
  private static final String OS_NAME = "OperatingSystemName";
  private static final String OS = "OperatingSystemNameVersionMajor";
  private static final Set<String> CLI_AGENTS =
      Set.of("curl", "wget", "httpie", "powershell", "aria2", "xh");
  private static final Set<String> MOBILE_DEVICES =
      Set.of("Phone", "Tablet", "Mobile", "Watch", "eReader", "Game Console", "Handheld Game Console");
  private static final Set<String> MEANINGLESS =
      Set.of("", "Unknown", "Hacker", "Cloud", "??");

  private static final class Holder {
    static final YauaaUserAgentParser INSTANCE = new YauaaUserAgentParser();
  }

  private final UserAgentAnalyzer analyzer;

  private YauaaUserAgentParser() {
    analyzer = UserAgentAnalyzer.newBuilder()
        .hideMatcherLoadStats()
        .withCache(10_000)
        .withFields(DEVICE_CLASS, AGENT_CLASS, AGENT, OS_NAME, OS, "AgentName")
        .build();
  }

  /** The JVM-wide instance, built on first call. */
  public static YauaaUserAgentParser shared() {
    return Holder.INSTANCE;
  }

  @Override
  public ParsedUserAgent parse(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return ParsedUserAgent.UNKNOWN;
    }
    UserAgent parsed = analyzer.parse(userAgent);
    String agentClass = parsed.getValue(AGENT_CLASS);
    if ("Hacker".equals(agentClass)) {
      return ParsedUserAgent.UNKNOWN;
    }
    String browser = meaningful(parsed.getValue(AGENT));
    String os = meaningful(parsed.getValue(OS));
    if (os.isEmpty()) {
      os = meaningful(parsed.getValue(OS_NAME));
    }
    return new ParsedUserAgent(browser, os, clientType(parsed));
  }

  private static ClientType clientType(UserAgent parsed) {
    String device = parsed.getValue(DEVICE_CLASS);
    String agentName = parsed.getValue("AgentName").toLowerCase(Locale.ROOT);
    if (CLI_AGENTS.contains(agentName)) {
      return ClientType.CLI;
    }
    if (MOBILE_DEVICES.contains(device)) {
      return ClientType.MOBILE;
    }
    if ("Robot".equals(device) || "Robot".equals(parsed.getValue(AGENT_CLASS))) {
      return ClientType.API;
    }
    if ("Desktop".equals(device)
        && "Browser".equals(parsed.getValue(AGENT_CLASS))) {
      return ClientType.WEB;
    }
    if ("Desktop".equals(device)) {
      return ClientType.DESKTOP;
    }
    return ClientType.WEB;
  }

  /** The value with Yauaa's placeholders ("Unknown", "??") removed; empty if nothing is left. */
  private static String meaningful(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder kept = new StringBuilder();
    for (String word : value.split(" ")) {
      if (!MEANINGLESS.contains(word)) {
        if (kept.length() > 0) {
          kept.append(' ');
        }
        kept.append(word);
      }
    }
    return kept.toString();
  }
}
