package dev.sessiond.server.internal;

import com.nimbusds.jose.jwk.JWKSet;
import dev.sessiond.ExternalIssuer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;

/**
 * Checks the JWKS files of external issuers before the engine loads them, so a missing, unreadable
 * or malformed file is a configuration error naming the tenant, the issuer and the file, instead of
 * an I/O failure from deep inside the engine. JWKS URLs are not fetched here: the engine fetches
 * them on first use.
 */
public final class JwksFiles {
  private JwksFiles() {}

  /**
   * Checks every issuer's {@code file:} JWKS.
   *
   * @throws IllegalArgumentException naming the tenant, issuer and file at fault
   */
  public static void check(List<ExternalIssuer> issuers) {
    for (ExternalIssuer issuer : issuers) {
      check(issuer, "external issuer " + issuer.issuer() + " of tenant " + issuer.tenantId());
    }
  }

  /**
   * Checks {@code issuer}'s JWKS if it is a file: it must be readable and a JWK set holding at
   * least one key. Does nothing for a URL.
   *
   * @param where names the issuer in the message, such as {@code sessions.tenants.acme...}
   * @throws IllegalArgumentException starting with {@code where}
   */
  static void check(ExternalIssuer issuer, String where) {
    if (!"file".equals(issuer.jwks().getScheme())) {
      return;
    }
    Path file = Path.of(issuer.jwks());
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(where + ": jwks file " + file + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(where + ": jwks file " + file + " is not readable", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": jwks file " + file + " cannot be read ("
          + e.getClass().getSimpleName() + ")", e);
    }
    JWKSet keys;
    try {
      keys = JWKSet.parse(text);
    } catch (ParseException | RuntimeException e) {
      throw new IllegalArgumentException(where + ": jwks file " + file
          + " is not a JWK set (a JSON object with a \"keys\" array)", e);
    }
    if (keys.getKeys().isEmpty()) {
      throw new IllegalArgumentException(where + ": jwks file " + file + " holds no keys");
    }
  }
}
