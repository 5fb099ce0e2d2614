package dev.sessiond.spring;

import dev.sessiond.client.ClientConfig;
import dev.sessiond.client.FailMode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sessiond.*} properties. Every one may also come from the environment as Spring Boot
 * maps it ({@code SESSIOND_URL}, {@code SESSIOND_API_KEY}, {@code SESSIOND_TENANT_ID}, {@code
 * SESSIOND_FAIL_MODE}, ...), which are also the SDK's own variables.
 */
@ConfigurationProperties(prefix = "sessiond")
public class SessiondProperties {
  /** The server's base URL. */
  private URI url = ClientConfig.DEFAULT_URL;
  /** The API key the application calls sessiond with; it needs events.read for the verifier. */
  private String apiKey;
  /** The tenant calls act in when they name none; the key's own when unset. */
  private String tenantId;
  /** What verification does while the event feed is stale: closed (reject) or open (accept). */
  private FailMode failMode = FailMode.CLOSED;
  /** How long the event feed may be silent before the verifier counts as stale. */
  private Duration maxStaleness = ClientConfig.DEFAULT_MAX_STALENESS;
  /** How long one HTTP call to sessiond may take. */
  private Duration requestTimeout = ClientConfig.DEFAULT_REQUEST_TIMEOUT;
  /** A cookie that may carry the access token when no Authorization header does; none if unset. */
  private String cookieName;
  /** Paths (Ant patterns) the default security chain leaves open, such as /login. */
  private List<String> publicPaths = new ArrayList<>(List.of("/error"));

  /** The SDK configuration these properties describe. */
  public ClientConfig toClientConfig() {
    return ClientConfig.builder().url(url).apiKey(apiKey).tenantId(tenantId).failMode(failMode)
        .maxStaleness(maxStaleness).requestTimeout(requestTimeout).build();
  }

  public URI getUrl() {
    return url;
  }

  public void setUrl(URI url) {
    this.url = url;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getTenantId() {
    return tenantId;
  }

  public void setTenantId(String tenantId) {
    this.tenantId = tenantId;
  }

  public FailMode getFailMode() {
    return failMode;
  }

  public void setFailMode(FailMode failMode) {
    this.failMode = failMode;
  }

  public Duration getMaxStaleness() {
    return maxStaleness;
  }

  public void setMaxStaleness(Duration maxStaleness) {
    this.maxStaleness = maxStaleness;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public String getCookieName() {
    return cookieName;
  }

  public void setCookieName(String cookieName) {
    this.cookieName = cookieName;
  }

  public List<String> getPublicPaths() {
    return publicPaths;
  }

  public void setPublicPaths(List<String> publicPaths) {
    this.publicPaths = publicPaths;
  }

  /** Hides the API key. */
  @Override
  public String toString() {
    return "SessiondProperties[url=" + url + ", apiKey=" + (apiKey == null ? "none" : "***")
        + ", tenantId=" + tenantId + ", failMode=" + failMode + "]";
  }
}
