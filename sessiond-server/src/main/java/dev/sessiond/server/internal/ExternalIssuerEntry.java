package dev.sessiond.server.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sessiond.ExternalIssuer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry under {@code sessions.tenants.<id>.external-issuers} in the YAML file: another issuer
 * whose JWTs the tenant accepts as sessions.
 *
 * <pre>
 * - issuer: https://idp.example.com        # required: the exact iss
 *   jwks: https://idp.example.com/jwks.json # required: an https:/http: URL or a file path
 *   audience: api://acme                   # optional: the aud tokens must carry
 *   session-claim: sid                     # default jti
 *   username-claim: email                  # default preferred_username
 * </pre>
 *
 * A relative file path resolves against the config file's directory.
 */
record ExternalIssuerEntry(
    @JsonProperty("issuer") String issuer,
    @JsonProperty("jwks") String jwks,
    @JsonProperty("audience") String audience,
    @JsonProperty("session-claim") String sessionClaim,
    @JsonProperty("username-claim") String usernameClaim) {

  private static final Pattern URL_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://");

  /**
   * The issuer this entry describes, its JWKS file (if a file) checked.
   *
   * @param where the entry's key path, such as {@code sessions.tenants.acme.external-issuers[0]}
   * @param baseDir what a relative JWKS path resolves against; {@code null} for the working
   *     directory
   * @throws IllegalArgumentException naming {@code where} and, once known, the issuer
   */
  ExternalIssuer toIssuer(String tenantId, String where, Path baseDir) {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException(where + ".issuer is required");
    }
    String named = where + " (issuer " + issuer + ")";
    if (jwks == null || jwks.isBlank()) {
      throw new IllegalArgumentException(named + ": jwks is required (an https: URL or a file path)");
    }
    ExternalIssuer result = new ExternalIssuer(tenantId, issuer, optional(named, "audience", audience),
        location(named, jwks.strip(), baseDir),
        claim(named, "session-claim", sessionClaim, ExternalIssuer.DEFAULT_SESSION_CLAIM),
        claim(named, "username-claim", usernameClaim, ExternalIssuer.DEFAULT_USERNAME_CLAIM));
    JwksFiles.check(result, named);
    return result;
  }

  /**
   * Where the JWKS is: {@code text} as a URL if it starts with {@code scheme://}, else as a file
   * path.
   */
  static URI location(String where, String text, Path baseDir) {
    Matcher scheme = URL_SCHEME.matcher(text);
    if (scheme.lookingAt()) {
      return url(where, text, scheme.group(1).toLowerCase(Locale.ROOT));
    }
    try {
      Path path = Path.of(text);
      if (!path.isAbsolute() && baseDir != null) {
        path = baseDir.resolve(path);
      }
      return path.toAbsolutePath().normalize().toUri();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(where + ": jwks is not a valid file path", e);
    }
  }

  private static URI url(String where, String text, String scheme) {
    if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("file")) {
      throw new IllegalArgumentException(
          where + ": jwks must be an https: or http: URL or a file path, not a " + scheme + ": URL");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(where + ": jwks is not a valid URL", e);
    }
    if (scheme.equals("file")) {
      if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getAuthority() != null) {
        throw new IllegalArgumentException(where + ": jwks is not a valid file: URL");
      }
      return uri;
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(where + ": jwks is not a valid URL (no host)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(where + ": jwks must not carry credentials");
    }
    return uri;
  }

  private static String optional(String where, String key, String value) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(where + ": " + key + " must not be blank");
    }
    return value;
  }

  private static String claim(String where, String key, String value, String fallback) {
    return value == null ? fallback : optional(where, key, value);
  }
}
