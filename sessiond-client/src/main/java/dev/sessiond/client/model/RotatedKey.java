package dev.sessiond.client.model;

/**
 * A signing key made by a rotation.
 *
 * @param kid its key id, as in the JWKS and the tokens' header
 * @param algorithm {@code EdDSA}, {@code ES256} or {@code RS256}
 */
public record RotatedKey(String kid, String algorithm) {}
