package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's curl tour, exactly as written, against a real server whose data directory is
 * {@code data/} under the directory the tour runs in (as after {@code ./sessiond serve}).
 */
class ReadmeTourTest {
  private static final Pattern TOUR =
      Pattern.compile("<!-- tour:start -->\\s*```bash\\n(.*?)```\\s*<!-- tour:end -->", Pattern.DOTALL);

  @TempDir
  Path workDir;

  @Test
  void theCurlTourRunsVerbatim() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher tour = TOUR.matcher(readme);
    assertThat(tour.find()).as("README has a tour block").isTrue();
    Path script = workDir.resolve("tour.sh");
    Files.writeString(script, tour.group(1));

    ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
        .dataDir(workDir.resolve("data")).build();
    try (SessiondServer server = SessiondServer.start(config)) {
      ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
          .directory(workDir.toFile())
          .redirectErrorStream(true);
      bash.environment().put("API", "http://127.0.0.1:" + server.port());
      Process process = bash.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();

      List<String> lines = output.lines().toList();
      assertThat(lines).hasSize(11);
      assertThat(lines.get(0)).contains("\"clientType\":\"mobile\"", "\"browser\":\"Safari 17\"",
          "\"os\":\"iOS 17\"", "\"status\":\"active\"");
      assertThat(lines.get(1)).startsWith("{\"active\":true").contains("\"username\":\"alice\"");
      assertThat(lines.get(2)).contains("\"accessToken\":", "\"refreshToken\":", "\"session\":");
      assertThat(lines.get(3)).contains("\"username\":\"alice\"").doesNotContain("\"bob\"");
      assertThat(count(lines.get(4), "\"id\":")).as("batch get keeps the two real ids").isEqualTo(2);
      assertThat(lines.get(4)).contains("\"clientType\":\"cli\"");
      assertThat(lines.get(5)).contains("\"status\":\"revoked\"");
      assertThat(lines.get(6)).contains("\"status\":\"revoked\"");
      assertThat(lines.get(7)).isEqualTo("{\"active\":false}");
      assertThat(lines.get(8)).contains("\"revoked\":1");
      assertThat(count(lines.get(9), "\"status\":\"revoked\"")).isEqualTo(2);
      assertThat(lines.get(10)).contains("\"code\":\"invalid_session_id\"");
    }
  }

  private static int count(String text, String needle) {
    return text.split(Pattern.quote(needle), -1).length - 1;
  }
}
