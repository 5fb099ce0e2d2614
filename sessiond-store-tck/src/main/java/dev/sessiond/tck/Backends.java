package dev.sessiond.tck;

import java.util.Locale;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when the backend it needs (a PostgreSQL or Redis server) is not reachable. With
 * {@code CI=true} in the environment every backend suite must run, so the test fails. Elsewhere it
 * is skipped, with a message on standard error that names the backend and how to start it, so a
 * developer without the backend still gets a green build and knows what did not run.
 */
public final class Backends {
  private Backends() {}

  /** Whether this run is CI, where a missing backend is a failure: {@code CI=true} (any case). */
  public static boolean isCi() {
    String ci = System.getenv("CI");
    return ci != null && ci.toLowerCase(Locale.ROOT).equals("true");
  }

  /**
   * Fails (in CI) or skips (elsewhere) the calling test because {@code backend} is unreachable.
   *
   * @param backend what is missing, such as {@code PostgreSQL at 127.0.0.1:5432}
   * @param howToStart the command or hint that starts it
   * @param cause why the connection failed; its message is shown, never a password
   */
  public static void unavailable(String backend, String howToStart, Throwable cause) {
    String message = backend + " is not reachable (" + describe(cause) + "). Start it with: "
        + howToStart;
    if (isCi()) {
      Assertions.fail("CI=true, so this suite must run: " + message, cause);
    }
    System.err.println();
    System.err.println("************************************************************************");
    System.err.println("SKIPPED: " + message);
    System.err.println("************************************************************************");
    Assumptions.abort("skipped: " + message);
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "no reason given";
    }
    String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
