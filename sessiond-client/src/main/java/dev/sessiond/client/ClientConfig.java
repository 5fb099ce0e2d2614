package dev.sessiond.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where sessiond is and how to talk to it, for {@link SessiondClient} and the local verifier.
 * Built with {@link #builder()} or read from the environment with {@link #fromEnvironment()}:
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>default</th></tr>
 *   <tr><td>{@code SESSIOND_URL}</td><td>{@code http://127.0.0.1:7233}</td></tr>
 *   <tr><td>{@code SESSIOND_API_KEY}</td><td>none (every API call then fails with 401)</td></tr>
 *   <tr><td>{@code SESSIOND_TENANT_ID}</td><td>none (the key's own tenant)</td></tr>
 *   <tr><td>{@code SESSIOND_FAIL_MODE}</td><td>{@code closed}</td></tr>
 *   <tr><td>{@code SESSIOND_MAX_STALENESS}</td><td>{@code 5s} (a duration such as {@code 500ms},
 *       {@code 5s}, {@code 1m})</td></tr>
 * </table>
 *
 * @param url the server's base URL; never {@code null}, http or https
 * @param apiKey the API key sent as the bearer credential; {@code null} for none. Never shown by
 *     {@link #toString()}
 * @param tenantId the tenant calls act in when they name none; {@code null} for the key's own
 * @param failMode what the local verifier does when it cannot prove it is fresh; never {@code
 *     null}
 * @param maxStaleness how long the verifier's feed may be silent before it counts as stale;
 *     positive
 * @param requestTimeout how long one HTTP call may take; positive
 */
public record ClientConfig(URI url, String apiKey, String tenantId, FailMode failMode,
    Duration maxStaleness, Duration requestTimeout) {
  /** The URL used when none is configured. */
  public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:7233");
  /** The staleness allowed when none is configured. */
  public static final Duration DEFAULT_MAX_STALENESS = Duration.ofSeconds(5);
  /** The request timeout used when none is configured. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  public ClientConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(failMode, "failMode");
    Objects.requireNonNull(maxStaleness, "maxStaleness");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
      throw new IllegalArgumentException("the sessiond URL must be http:// or https:// with a host");
    }
    if (apiKey != null && apiKey.isBlank()) {
      apiKey = null;
    }
    if (tenantId != null && tenantId.isBlank()) {
      tenantId = null;
    }
    if (maxStaleness.isNegative() || maxStaleness.isZero()) {
      throw new IllegalArgumentException("maxStaleness must be positive");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configuration the process environment gives (see the table above).
   *
   * @throws IllegalArgumentException naming the variable whose value is not valid
   */
  public static ClientConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** The same, from {@code environment} instead of the process's. */
  public static ClientConfig fromEnvironment(Map<String, String> environment) {
    Builder builder = builder();
    String url = environment.get("SESSIOND_URL");
    if (url != null && !url.isBlank()) {
      try {
        builder.url(URI.create(url.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("SESSIOND_URL is not a URL", e);
      }
    }
    builder.apiKey(environment.get("SESSIOND_API_KEY"));
    builder.tenantId(environment.get("SESSIOND_TENANT_ID"));
    String failMode = environment.get("SESSIOND_FAIL_MODE");
    if (failMode != null && !failMode.isBlank()) {
      try {
        builder.failMode(FailMode.parse(failMode));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("SESSIOND_FAIL_MODE: " + e.getMessage(), e);
      }
    }
    String staleness = environment.get("SESSIOND_MAX_STALENESS");
    if (staleness != null && !staleness.isBlank()) {
      builder.maxStaleness(parseDuration("SESSIOND_MAX_STALENESS", staleness.strip()));
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      String variable = e.getMessage().contains("URL") ? "SESSIOND_URL" : "SESSIOND_MAX_STALENESS";
      throw new IllegalArgumentException(variable + ": " + e.getMessage(), e);
    }
  }

  /** Hides the API key. */
  @Override
  public String toString() {
    return "ClientConfig[url=" + url + ", apiKey=" + (apiKey == null ? "none" : "***")
        + ", tenantId=" + tenantId + ", failMode=" + failMode + ", maxStaleness=" + maxStaleness
        + ", requestTimeout=" + requestTimeout + "]";
  }

  private static Duration parseDuration(String name, String text) {
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      long amount = Long.parseLong(text.substring(0, text.length() - 1));
      return switch (text.charAt(text.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(name + " must be a duration such as 500ms, 5s or 1m");
    }
  }

  /** Builds a {@link ClientConfig}; every setting has a default. */
  public static final class Builder {
    private URI url = DEFAULT_URL;
    private String apiKey;
    private String tenantId;
    private FailMode failMode = FailMode.CLOSED;
    private Duration maxStaleness = DEFAULT_MAX_STALENESS;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

    private Builder() {}

    public Builder url(URI value) {
      this.url = value;
      return this;
    }

    public Builder url(String value) {
      return url(URI.create(value));
    }

    public Builder apiKey(String value) {
      this.apiKey = value;
      return this;
    }

    public Builder tenantId(String value) {
      this.tenantId = value;
      return this;
    }

    public Builder failMode(FailMode value) {
      this.failMode = value;
      return this;
    }

    public Builder maxStaleness(Duration value) {
      this.maxStaleness = value;
      return this;
    }

    public Builder requestTimeout(Duration value) {
      this.requestTimeout = value;
      return this;
    }

    /** @throws IllegalArgumentException if a value is not valid (see the record) */
    public ClientConfig build() {
      return new ClientConfig(url, apiKey, tenantId, failMode, maxStaleness, requestTimeout);
    }
  }
}
