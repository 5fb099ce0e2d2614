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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the admin key: the configured one, else the one in {@code <data-dir>/admin.key}, else a new
 * one (32 bytes from {@link SecureRandom}, URL-safe base64) written to that file with mode 0600
 * from the moment it exists. Only the file's path is ever logged, never the key.
 */
public final class AdminKeys {
  /** The file name of the generated key inside the data directory. */
  public static final String FILE_NAME = "admin.key";

  private static final Logger LOG = LoggerFactory.getLogger(AdminKeys.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private AdminKeys() {}

  /**
   * The admin key in force.
   *
   * @param configured the key from the configuration, or {@code null} to use the file
   * @param dataDir the data directory; must exist
   * @return never {@code null} or blank
   * @throws IllegalStateException if the key file holds a key that is too short
   * @throws UncheckedIOException if the key file cannot be read or written
   */
  public static String resolve(String configured, Path dataDir) {
    if (configured != null) {
      return configured.strip();
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      String key = generate();
      try {
        Files.write(create(file), key.getBytes(StandardCharsets.US_ASCII));
      } catch (FileAlreadyExistsException raced) {
        return read(file);
      }
      LOG.info("generated the admin key into {}", file.toAbsolutePath());
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the admin key file " + file, e);
    }
  }

  private static String read(Path file) throws IOException {
    String key = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (key.length() < ServerConfig.MIN_ADMIN_KEY_LENGTH) {
      throw new IllegalStateException("the admin key in " + file + " is shorter than "
          + ServerConfig.MIN_ADMIN_KEY_LENGTH + " characters; delete the file to generate a new key");
    }
    if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      LOG.warn("the admin key file {} is readable by others; chmod 600 it", file.toAbsolutePath());
    }
    LOG.info("using the admin key in {}", file.toAbsolutePath());
    return key;
  }

  /** Creates the empty key file, owner read/write only where the file system knows modes. */
  private static Path create(Path file) throws IOException {
    if (isPosix(file.getParent())) {
      FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      return Files.createFile(file, ownerOnly);
    }
    return Files.createFile(file);
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
