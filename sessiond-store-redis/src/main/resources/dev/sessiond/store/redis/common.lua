-- Shared by every tenant-slot script: KEYS[1] is the tenant's key base "<prefix>{t:<tenant>}:",
-- and every key a script touches starts with it, so all of them share one hash slot.
local function revoke_one(base, id, at, reason, actor)
  local sk = base .. 's:' .. id
  local f = redis.call('HMGET', sk, 'st', 'exp', 'gr')
  if f[1] ~= 'active' or tonumber(f[2]) <= tonumber(at) then return false end
  redis.call('HSET', sk, 'st', 'revoked', 'eat', at, 'erz', reason, 'eac', actor)
  redis.call('ZREM', base .. 'ix:active', id)
  redis.call('ZADD', base .. 'ix:ended', at, id)
  redis.call('ZADD', base .. 'ix:revoked', at, id)
  if f[3] and f[3] ~= '' then redis.call('ZREM', base .. 'gs:' .. f[3], id) end
  return true
end

local function insert_token(base, hash, sid, issued)
  redis.call('HSET', base .. 'r:' .. hash, 'sid', sid, 'iss', issued)
  redis.call('SET', base .. 'head:' .. sid, hash)
  redis.call('SADD', base .. 'fam:' .. sid, hash)
end

-- args[from], args[from+1] = seq, field count; then that many field/value strings.
local function write_audit(base, args, from)
  local seq, n = args[from], tonumber(args[from + 1])
  if seq == '' then return from + 2 end
  local fields = {}
  for i = from + 2, from + 1 + n do fields[#fields + 1] = args[i] end
  redis.call('HSET', base .. 'a:' .. seq, unpack(fields))
  redis.call('ZADD', base .. 'ix:audit', seq, seq)
  return from + 2 + n
end
