package dev.sessiond.server.internal;

import dev.sessiond.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets the server keeps in its data directory when none is configured: the admin key
 * ({@code admin.key}) and the key-encryption key that protects signing keys at rest ({@code
 * signing.kek}). Each is the configured value, else the file's, else a new one (32 bytes from
 * {@link SecureRandom}) written to the file with mode 0600 from the moment it exists. Only file
 * paths are ever logged, never a secret, and error messages never echo one.
 */
public final class SecretFiles {
  /** The file name of the generated admin key inside the data directory. */
  public static final String ADMIN_KEY_FILE = "admin.key";
  /** The file name of the generated key-encryption key inside the data directory. */
  public static final String KEY_ENCRYPTION_KEY_FILE = "signing.kek";

  private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private SecretFiles() {}

  /**
   * The admin key in force.
   *
   * @param configured the key from the configuration, or {@code null} to use the file
   * @param dataDir the data directory; must exist
   * @return never {@code null} or blank
   * @throws IllegalStateException if the key file holds a key that is too short
   * @throws UncheckedIOException if the key file cannot be read or written
   */
  public static String adminKey(String configured, Path dataDir) {
    if (configured != null) {
      return configured.strip();
    }
    Path file = dataDir.resolve(ADMIN_KEY_FILE);
    return readOrCreate(file, "admin key",
        () -> Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes()), key -> {
          if (key.length() < ServerConfig.MIN_ADMIN_KEY_LENGTH) {
            throw new IllegalStateException("the admin key in " + file + " is shorter than "
                + ServerConfig.MIN_ADMIN_KEY_LENGTH
                + " characters; delete the file to generate a new key");
          }
        });
  }

  /**
   * The key-encryption key in force: 32 bytes.
   *
   * @param configured its base64 from the configuration, or {@code null} to use the file
   * @param dataDir the data directory; must exist
   * @throws IllegalStateException if the key file does not hold the base64 of 32 bytes
   * @throws UncheckedIOException if the key file cannot be read or written
   */
  public static byte[] keyEncryptionKey(String configured, Path dataDir) {
    if (configured != null) {
      return decodeKeyEncryptionKey("the key-encryption key", configured);
    }
    Path file = dataDir.resolve(KEY_ENCRYPTION_KEY_FILE);
    String text = readOrCreate(file, "key-encryption key",
        () -> Base64.getEncoder().encodeToString(randomBytes()), key -> {
          try {
            decodeKeyEncryptionKey("", key);
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the key-encryption key in " + file
                + " is not the base64 of 32 bytes; restore it from a backup (a new key cannot "
                + "decrypt the stored signing keys: they would only verify, and new keys would sign)");
          }
        });
    return decodeKeyEncryptionKey("the key-encryption key", text);
  }

  /**
   * Decodes a key-encryption key: base64, standard or URL-safe, padding optional, of exactly 32
   * bytes.
   *
   * @param source names where it came from, for the message (such as {@code
   *     SESSIOND_KEY_ENCRYPTION_KEY}); the message never holds the value
   * @throws IllegalArgumentException if {@code text} is not that
   */
  public static byte[] decodeKeyEncryptionKey(String source, String text) {
    String value = text == null ? "" : text.strip();
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException notStandard) {
      try {
        key = Base64.getUrlDecoder().decode(value);
      } catch (IllegalArgumentException notUrlSafe) {
        key = null;
      }
    }
    if (key == null || key.length != 32) {
      throw new IllegalArgumentException(source + " must be the base64 of exactly 32 bytes, "
          + "such as the output of `openssl rand -base64 32`");
    }
    return key;
  }

  /**
   * The secret in {@code file}, stripped, after {@code check}; or, if there is no file, a {@code
   * generate}d one written to a new owner-only file (if another process creates it first, its
   * content).
   */
  private static String readOrCreate(Path file, String what, Supplier<String> generate,
      Consumer<String> check) {
    try {
      if (Files.exists(file)) {
        return read(file, what, check);
      }
      String fresh = generate.get();
      try {
        Files.write(create(file), fresh.getBytes(StandardCharsets.US_ASCII));
      } catch (FileAlreadyExistsException raced) {
        return read(file, what, check);
      }
      LOG.info("generated the {} into {}", what, file.toAbsolutePath());
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the " + what + " file " + file, e);
    }
  }

  private static String read(Path file, String what, Consumer<String> check) throws IOException {
    String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
    check.accept(secret);
    if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      LOG.warn("the {} file {} is readable by others; chmod 600 it", what, file.toAbsolutePath());
    }
    LOG.info("using the {} in {}", what, file.toAbsolutePath());
    return secret;
  }

  /** Creates the empty file, owner read/write only where the file system knows modes. */
  private static Path create(Path file) throws IOException {
    if (isPosix(file.getParent())) {
      FileAttribute<Set<PosixFilePermission>> ownerOnly =
          PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      return Files.createFile(file, ownerOnly);
    }
    return Files.createFile(file);
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
