package dev.sessiond.store.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script of this store, read once from {@code dev/sessiond/store/redis/<name>.lua} with the
 * shared functions of {@code common.lua} in front, and its SHA-1 for {@code EVALSHA}.
 */
final class LuaScript {
  private static final String COMMON = read("common");

  final String name;
  final String source;
  final String sha;

  private LuaScript(String name) {
    this.name = name;
    this.source = COMMON + "\n" + read(name);
    this.sha = sha1(source);
  }

  static LuaScript load(String name) {
    return new LuaScript(name);
  }

  private static String read(String name) {
    String path = "/dev/sessiond/store/redis/" + name + ".lua";
    try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing script " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
