package dev.sessiond.store.redis.internal;

/** Every Lua script of this store, loaded once per process. */
final class Scripts {
  static final LuaScript OPEN = LuaScript.load("open");
  static final LuaScript REVOKE = LuaScript.load("revoke");
  static final LuaScript TOUCH = LuaScript.load("touch");
  static final LuaScript EXPIRE = LuaScript.load("expire");
  static final LuaScript PURGE = LuaScript.load("purge");
  static final LuaScript TOKEN = LuaScript.load("token");
  static final LuaScript ROTATE = LuaScript.load("rotate");
  static final LuaScript DUE = LuaScript.load("due");
  static final LuaScript FETCH = LuaScript.load("fetch");
  static final LuaScript AUDIT_POSITION = LuaScript.load("audit_position");
  static final LuaScript AUDIT_WRITE = LuaScript.load("audit_write");
  static final LuaScript AUDIT_DROP = LuaScript.load("audit_drop");
  static final LuaScript BLACKLIST = LuaScript.load("blacklist");
  static final LuaScript BLACKLIST_PURGE = LuaScript.load("blacklist_purge");
  static final LuaScript WATERMARK = LuaScript.load("watermark");
  static final LuaScript GRANT_INSERT = LuaScript.load("grant_insert");
  static final LuaScript GRANT_END = LuaScript.load("grant_end");
  static final LuaScript SIGNING_ROTATE = LuaScript.load("signing_rotate");
  static final LuaScript SIGNING_DELETE = LuaScript.load("signing_delete");
  static final LuaScript APIKEY_PUT = LuaScript.load("apikey_put");
  static final LuaScript APIKEY_REVOKE = LuaScript.load("apikey_revoke");
  static final LuaScript LEASE = LuaScript.load("lease");
  static final LuaScript EVENT_APPEND = LuaScript.load("event_append");
  static final LuaScript EVENT_PURGE = LuaScript.load("event_purge");

  private Scripts() {}
}
