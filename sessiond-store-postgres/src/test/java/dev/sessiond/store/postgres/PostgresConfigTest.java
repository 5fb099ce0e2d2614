package dev.sessiond.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.Driver;

/** Store URLs: every part, the defaults, the errors, and the password kept out of sight. */
class PostgresConfigTest {
  private static final String SECRET = "hunter2-secret";

  @Test
  void everyPartIsRead() {
    PostgresConfig config = PostgresConfig.fromUrl("postgres://alice:s3cr%40t@db.example.com:6543"
        + "/sessions?schema=sessiond&pool=16&connect-timeout=2s");

    assertThat(config).isEqualTo(new PostgresConfig("jdbc:postgresql://db.example.com:6543/sessions",
        "alice", "s3cr@t", "sessiond", 16, Duration.ofSeconds(2)));
  }

  @Test
  void leftOutPartsTakeTheirDefaults() {
    PostgresConfig config = PostgresConfig.fromUrl("postgres://db.internal/sessions");

    assertThat(config).isEqualTo(new PostgresConfig("jdbc:postgresql://db.internal:5432/sessions",
        null, null, "public", 10, Duration.ofSeconds(5)));
    assertThat(PostgresConfig.fromUrl("postgres://bob@db/s"))
        .extracting(PostgresConfig::user, PostgresConfig::password).containsExactly("bob", null);
    assertThat(PostgresConfig.fromUrl("postgres://bob:@db/s").password()).isNull();
  }

  @Test
  void bothSchemesInAnyCaseAreAccepted() {
    assertThat(PostgresConfig.fromUrl("postgresql://h/d").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:5432/d");
    assertThat(PostgresConfig.fromUrl("POSTGRES://h/d").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:5432/d");
  }

  @Test
  void aPasswordMayHoldReservedCharactersUpToTheLastAt() {
    PostgresConfig config = PostgresConfig.fromUrl("postgres://app:p@ss/w?rd:x#y@h/d");

    assertThat(config.user()).isEqualTo("app");
    assertThat(config.password()).isEqualTo("p@ss/w?rd:x#y");
    assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d");
    assertThat(PostgresConfig.fromUrl("postgres://%C3%BCser:%25%2B+@h/d"))
        .extracting(PostgresConfig::user, PostgresConfig::password)
        .containsExactly("üser", "%++");
  }

  @Test
  void hostsMayBeIpAddressesOrNamesWithUnderscores() {
    assertThat(PostgresConfig.fromUrl("postgres://[::1]:5433/d").jdbcUrl())
        .isEqualTo("jdbc:postgresql://[::1]:5433/d");
    assertThat(PostgresConfig.fromUrl("postgres://[2001:db8::7]/d").jdbcUrl())
        .isEqualTo("jdbc:postgresql://[2001:db8::7]:5432/d");
    assertThat(PostgresConfig.fromUrl("postgres://10.0.0.7:1/d").jdbcUrl())
        .isEqualTo("jdbc:postgresql://10.0.0.7:1/d");
    assertThat(PostgresConfig.fromUrl("postgres://pg_primary.svc/d").jdbcUrl())
        .isEqualTo("jdbc:postgresql://pg_primary.svc:5432/d");
  }

  @Test
  void theDatabaseNameReachesTheDriverExactly() {
    for (String name : new String[] {"my db", "a+b", "ü%", "sessions"}) {
      String encoded = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
          .replace("+", "%20");
      PostgresConfig config = PostgresConfig.fromUrl("postgres://h/" + encoded);
      Properties parsed = Driver.parseURL(config.jdbcUrl(), new Properties());

      assertThat(parsed.getProperty("PGDBNAME")).as(name).isEqualTo(name);
    }
  }

  @ParameterizedTest
  @CsvSource({"250ms, PT0.25S", "1s, PT1S", "90s, PT1M30S", "2m, PT2M"})
  void connectTimeoutsTakeAUnit(String value, Duration expected) {
    assertThat(PostgresConfig.fromUrl("postgres://h/d?connect-timeout=" + value)
        .connectionTimeout()).isEqualTo(expected);
  }

  @Test
  void sslModeGoesToTheDriver() {
    PostgresConfig config = PostgresConfig.fromUrl("postgres://h/d?sslmode=verify-full&pool=3");

    assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d?sslmode=verify-full");
    assertThat(config.maxPoolSize()).isEqualTo(3);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mysql://h/d | must start with postgres:// or postgresql://",
      "postgres:/h/d | must start with postgres://",
      "h/d | must start with postgres://",
      "postgres://h | names no database",
      "postgres://h/ | names no database",
      "postgres://h?schema=s | names no database",
      "postgres://h/a/b | must not contain /",
      "postgres:///d | names no host",
      "postgres://:5432/d | names no host",
      "postgres://h1,h2/d | more than one host",
      "postgres://ho st/d | the host is not",
      "postgres://h:0/d | the port is not a number from 1 to 65535",
      "postgres://h:65536/d | the port is not",
      "postgres://h:x/d | the port is not",
      "postgres://h:/d | the port is not",
      "postgres://h/d#top | fragment",
      "postgres://@h/d | the user before @ is empty",
      "postgres://:pw@h/d | the user before @ is empty",
      "postgres://u:b%zz@h/d | the password has a % that is not followed by two hex digits",
      "postgres://u%4@h/d | the user has a %",
      "postgres://u:%C3@h/d | the password is not percent-encoded UTF-8",
      "postgres://h/d%2 | the database name has a %",
      "postgres://h/d?colour=red | an option is not one of schema, pool, connect-timeout, sslmode",
      "postgres://h/d?pool=1&pool=2 | the option pool is given twice",
      "postgres://h/d?schema= | the option schema has no value",
      "postgres://h/d?schema | the option schema has no value",
      "postgres://h/d?schema=Sessions | the schema is not 1 to 63 characters",
      "postgres://h/d?schema=1st | the schema is not",
      "postgres://h/d?schema=a-b | the schema is not",
      "postgres://h/d?pool=0 | the pool is not a whole number of connections, at least 1",
      "postgres://h/d?pool=ten | the pool is not",
      "postgres://h/d?pool=-1 | the pool is not",
      "postgres://h/d?connect-timeout=5 | the connect-timeout is not a whole number with ms, s or m",
      "postgres://h/d?connect-timeout=1h | the connect-timeout is not",
      "postgres://h/d?connect-timeout=100ms | the connect-timeout is shorter than 250ms",
      "postgres://h/d?sslmode=maybe | the sslmode is not one of",
  })
  void badUrlsAreRefusedNamingTheBadPart(String url, String message) {
    assertThatThrownBy(() -> PostgresConfig.fromUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid PostgreSQL store URL: ")
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "postgres://app:" + SECRET + "/d",
      "postgres://app:" + SECRET + ":1/d",
      "postgres://app:hun ter2-secret/d",
      "postgres://app:hunter2?-secret/d",
      "postgres://app:hunter2/-secret/d",
      "postgres://app:hunter2?pool=-secret/d",
      "postgres://app:hunter2%-secret@h/d",
      "postgres://app:" + SECRET + "@h/d?pool=x",
      "postgres://app:" + SECRET + "@h:x/d",
      "postgres://app:" + SECRET + "@/d",
      "postgres://app:" + SECRET + "@h/d#x",
      "mysql://app:" + SECRET + "@h/d",
  })
  void thePasswordIsNeverInAMessageEvenWhenTheUrlIsMalformed(String url) {
    assertThatThrownBy(() -> PostgresConfig.fromUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("secret")
            .doesNotContain(url));
  }

  @Test
  void toStringNeverShowsThePassword() {
    PostgresConfig config = PostgresConfig.fromUrl("postgres://app:" + SECRET + "@h/d?pool=4");
    PostgresConfig byHand = new PostgresConfig("jdbc:postgresql://h/d?password=" + SECRET
        + "&sslpassword=" + SECRET + "&ssl=true", "app", SECRET, "public", 4, Duration.ofSeconds(1));

    assertThat(config.toString()).doesNotContain(SECRET).contains("password=****", "user=app",
        "jdbc:postgresql://h:5432/d", "maxPoolSize=4");
    assertThat(byHand.toString()).doesNotContain(SECRET).contains("ssl=true");
    assertThat(PostgresConfig.fromUrl("postgres://h/d").toString()).contains("password=none");
  }

  @Test
  void theRecordChecksItsParts() {
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new PostgresConfig("jdbc:mysql://h/d", null, null, "s", 1, second))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql:");
    assertThatThrownBy(() -> new PostgresConfig("jdbc:postgresql://h/d", "", null, "s", 1, second))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user");
    assertThatThrownBy(() -> new PostgresConfig("jdbc:postgresql://h/d", null, null, "S", 1, second))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema");
    assertThatThrownBy(() -> new PostgresConfig("jdbc:postgresql://h/d", null, null, "s", 0, second))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPoolSize");
    assertThatThrownBy(() -> new PostgresConfig("jdbc:postgresql://h/d", null, null, "s", 1,
        Duration.ofMillis(249))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectionTimeout");
  }
}
