package dev.sessiond.server.internal;

import dev.sessiond.SigningAlgorithm;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Signing algorithms by name, as the config file, the CLI and the API accept them: the JWS names
 * {@code EdDSA}, {@code ES256}, {@code RS256}, in any letter case.
 */
public final class AlgorithmNames {
  /** The accepted names, for messages: {@code EdDSA, ES256, RS256}. */
  public static final String LIST = Arrays.stream(SigningAlgorithm.values())
      .map(SigningAlgorithm::jwsName).collect(Collectors.joining(", "));

  private AlgorithmNames() {}

  /**
   * The algorithm named {@code name}.
   *
   * @return empty if {@code name} is {@code null} or names none of sessiond's algorithms
   */
  public static Optional<SigningAlgorithm> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.strip();
    return Arrays.stream(SigningAlgorithm.values())
        .filter(a -> a.jwsName().equalsIgnoreCase(wanted))
        .findFirst();
  }
}
