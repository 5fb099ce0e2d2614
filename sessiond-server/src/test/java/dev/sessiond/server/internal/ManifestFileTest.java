package dev.sessiond.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.Method;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API-key manifest file: both shapes, and a clear refusal naming the file for anything else. */
class ManifestFileTest {
  @TempDir
  Path dir;

  @Test
  void readsThePlainShape() throws IOException {
    ManifestFile manifest = ManifestFile.read(write("""
        # a monitoring plugin
        name: monitoring-plugin
        methods: [sessions.search, sessions.batch_get, sessions.search]
        """));
    assertThat(manifest.name()).isEqualTo("monitoring-plugin");
    assertThat(manifest.methods())
        .containsExactlyInAnyOrder(Method.SESSIONS_SEARCH, Method.SESSIONS_BATCH_GET);
  }

  @Test
  void readsThePluginHostShapeAsTheUnionOfItsServices() throws IOException {
    ManifestFile manifest = ManifestFile.read(write("""
        hostServices:
          - service: sessions
            methods:
              - sessions.search
              - sessions.batch_get
          - service: blacklist
            methods: [blacklist.read]
        """));
    assertThat(manifest.name()).isNull();
    assertThat(manifest.methods()).containsExactlyInAnyOrder(
        Method.SESSIONS_SEARCH, Method.SESSIONS_BATCH_GET, Method.BLACKLIST_READ);
  }

  @Test
  void anUnknownMethodIsNamedWithTheKnownOnes() throws IOException {
    Path file = write("methods: [sessions.search, sessions.delete]\n");
    assertThatThrownBy(() -> ManifestFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unknown method 'sessions.delete'")
        .hasMessageContaining("known methods: " + String.join(", ", Method.knownNames()));
    Path hosted = write("hostServices:\n  - service: sessions\n    methods: [sessions.nuke]\n");
    assertThatThrownBy(() -> ManifestFile.read(hosted))
        .hasMessageContaining("hostServices[0].methods: unknown method 'sessions.nuke'");
  }

  @Test
  void unknownKeysAreRefusedByName() throws IOException {
    assertThatThrownBy(() -> ManifestFile.read(write("methods: [sessions.get]\nversion: 2\n")))
        .hasMessageContaining("unknown key 'version'")
        .hasMessageContaining("known keys here: hostServices, methods, name");
    assertThatThrownBy(() -> ManifestFile.read(write(
        "hostServices:\n  - service: sessions\n    methods: [sessions.get]\n    scope: all\n")))
        .hasMessageContaining("unknown key 'hostServices[0].scope'");
  }

  @Test
  void noMethodsIsRefused() throws IOException {
    assertThatThrownBy(() -> ManifestFile.read(write("methods: []\n")))
        .hasMessageContaining("methods is missing or empty");
    assertThatThrownBy(() -> ManifestFile.read(write("name: x\n")))
        .hasMessageContaining("declares no methods");
    assertThatThrownBy(() -> ManifestFile.read(write("")))
        .hasMessageContaining("declares no methods");
    assertThatThrownBy(() -> ManifestFile.read(write("# nothing yet\n")))
        .hasMessageContaining("declares no methods");
    assertThatThrownBy(() -> ManifestFile.read(write("hostServices: []\n")))
        .hasMessageContaining("hostServices lists no service");
    assertThatThrownBy(() -> ManifestFile.read(write("hostServices:\n  - service: sessions\n")))
        .hasMessageContaining("hostServices[0].methods is missing or empty");
  }

  @Test
  void shapesAndServicesMustAgree() throws IOException {
    assertThatThrownBy(() -> ManifestFile.read(write("methods: [sessions.get]\n"
        + "hostServices:\n  - service: sessions\n    methods: [sessions.get]\n")))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> ManifestFile.read(write(
        "hostServices:\n  - service: sessions\n    methods: [audit.read]\n")))
        .hasMessageContaining("method 'audit.read' is not a method of service 'sessions'");
    assertThatThrownBy(() -> ManifestFile.read(write("hostServices:\n  - methods: [audit.read]\n")))
        .hasMessageContaining("hostServices[0].service is missing");
  }

  @Test
  void unreadableOrMalformedFilesAreNamed() throws IOException {
    Path missing = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> ManifestFile.read(missing))
        .hasMessage("manifest " + missing + " does not exist");
    assertThatThrownBy(() -> ManifestFile.read(dir))
        .hasMessageStartingWith("cannot read manifest " + dir);
    Path notYaml = write("methods: ['sessions.get\n");
    assertThatThrownBy(() -> ManifestFile.read(notYaml))
        .hasMessageStartingWith("manifest " + notYaml + " is not valid YAML");
    assertThatThrownBy(() -> ManifestFile.read(write("methods: sessions.get\n")))
        .hasMessageContaining("'methods' has the wrong type (line 1)");
    assertThatThrownBy(() -> ManifestFile.read(write("- sessions.get\n")))
        .hasMessageContaining("not a mapping of name, methods or hostServices");
    Path large = write("methods: [sessions.get]\n" + "#".repeat(ManifestFile.MAX_BYTES) + "\n");
    assertThatThrownBy(() -> ManifestFile.read(large))
        .hasMessage("manifest " + large + " is larger than " + ManifestFile.MAX_BYTES + " bytes");
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "manifest", ".yaml"), yaml);
  }
}
