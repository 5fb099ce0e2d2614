package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiond.SigningAlgorithm;
import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A second JOSE library, jose4j (independent of the Nimbus code sessiond signs with), verifies
 * sessiond's access tokens from nothing but the JSON of {@code GET /.well-known/jwks.json}, before
 * and after a key rotation, for each signing algorithm.
 */
class TokenInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final RunningServer RUNNING = RunningServer.onSqlite(b -> b
        .tenantSigningAlgorithm("es-tenant", SigningAlgorithm.ES256)
        .tenantSigningAlgorithm("rs-tenant", SigningAlgorithm.RS256));

  @ParameterizedTest(name = "{1} (tenant {0})")
  @CsvSource({"ed-tenant, EdDSA", "es-tenant, ES256", "rs-tenant, RS256"})
  void jose4jVerifiesTokensFromTheJwksAloneAcrossARotation(String tenant, String algorithm)
      throws Exception {
    Opened before = RUNNING.api().open("{\"tenantId\":\"" + tenant + "\",\"userId\":\"u-" + tenant
        + "\",\"username\":\"alice\",\"roles\":[\"r1\",\"r2\"],\"clientType\":\"web\"}");
    assertThat(header(before.accessToken()).get("alg").asText()).isEqualTo(algorithm);
    String oldKid = header(before.accessToken()).get("kid").asText();

    JwtClaims claims = consumer(jwks()).processToClaims(before.accessToken());
    assertThat(claims.getSubject()).isEqualTo("u-" + tenant);
    assertThat(claims.getIssuer()).isEqualTo("sessiond");
    assertThat(claims.getClaimValueAsString("sid")).isEqualTo(before.id());
    assertThat(claims.getClaimValueAsString("tid")).isEqualTo(tenant);
    assertThat(claims.getStringListClaimValue("roles")).containsExactly("r1", "r2");
    assertThat(claims.getClaimValueAsString("ctype")).isEqualTo("web");
    assertThat(claims.getJwtId()).isNotBlank();

    Reply rotated = RUNNING.api().post("/v1/keys/rotate", "{\"algorithm\":\"" + algorithm + "\"}");
    assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
    assertThat(rotated.json().get("algorithm").asText()).isEqualTo(algorithm);
    String newKid = rotated.json().get("kid").asText();
    assertThat(newKid).isNotEqualTo(oldKid);

    String afterJwks = jwks();
    assertThat(kids(afterJwks)).contains(oldKid, newKid);
    JwtConsumer afterConsumer = consumer(afterJwks);
    assertThat(afterConsumer.processToClaims(before.accessToken()).getSubject())
        .as("a token minted before the rotation still verifies with the new JWKS")
        .isEqualTo("u-" + tenant);

    Opened after = RUNNING.api().open("{\"tenantId\":\"" + tenant + "\",\"userId\":\"u2-" + tenant + "\"}");
    assertThat(header(after.accessToken()).get("kid").asText()).isEqualTo(newKid);
    assertThat(afterConsumer.processToClaims(after.accessToken()).getClaimValueAsString("sid"))
        .isEqualTo(after.id());
    assertThat(RUNNING.api().introspect(before.accessToken()).json().get("active").asBoolean()).isTrue();
    assertThat(RUNNING.api().introspect(after.accessToken()).json().get("active").asBoolean()).isTrue();
  }

  private static String jwks() {
    Reply reply = RUNNING.api().send("GET", "/.well-known/jwks.json", null, Map.of("Authorization", ""));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.header("Cache-Control")).matches("public, max-age=\\d+");
    assertThat(reply.body()).doesNotContain("\"d\"").doesNotContain("\"p\"");
    return reply.body();
  }

  private static JwtConsumer consumer(String jwksJson) throws Exception {
    JsonWebKeySet set = new JsonWebKeySet(jwksJson);
    return new JwtConsumerBuilder()
        .setExpectedIssuer("sessiond")
        .setRequireExpirationTime()
        .setRequireIssuedAt()
        .setRequireSubject()
        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            "EdDSA", "ES256", "RS256")
        .setVerificationKeyResolver(new JwksVerificationKeyResolver(set.getJsonWebKeys()))
        .build();
  }

  private static List<String> kids(String jwksJson) throws IOException {
    return JSON.readTree(jwksJson).get("keys").findValuesAsText("kid");
  }

  private static JsonNode header(String jwt) throws IOException {
    String encoded = jwt.substring(0, jwt.indexOf('.'));
    return JSON.readTree(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
  }
}
