-- Shared by every script. A tenant-slot script has KEYS[1], the tenant's key base
-- "<prefix>{t:<tenant>}:", and every key of the tenant it touches starts with it, so all of them
-- share one hash slot.

-- The event feed (see RedisEvents), under its base "<prefix>{events}:": the stream 'log' with
-- entry ids '<seq>-0', seq from INCR 'seq'. A writing script calls emit() for each change it
-- makes and ends with 'return answer(reply)'. With KEYS[2], the feed's base (standalone Redis),
-- emit appends the event itself, atomically with the change; without it (Cluster, where the
-- feed is in another slot) the events go back in the answer, eight strings each, for the caller
-- to append with event_append.lua.
local events = {}

-- e: type, at, tenant, session, user, name, reason, until ('' for none).
local function append_event(ebase, e)
  local seq = redis.call('INCR', ebase .. 'seq')
  local fields = {'at', e[2], 'type', e[1], 'tenant', e[3], 'session', e[4], 'user', e[5],
    'name', e[6], 'reason', e[7]}
  if e[8] ~= '' then
    fields[#fields + 1] = 'until'
    fields[#fields + 1] = e[8]
  end
  redis.call('XADD', ebase .. 'log', string.format('%d-0', seq), unpack(fields))
end

local function emit(kind, at, tenant, session, user, name, reason, till)
  local e = {kind, at, tenant, session, user, name, reason, till}
  if KEYS[2] then
    append_event(KEYS[2], e)
  else
    for i = 1, 8 do events[#events + 1] = e[i] end
  end
end

-- What a writing script answers: {its reply, the events left for the caller to append}.
local function answer(reply)
  return {reply, events}
end

local function revoke_one(base, id, at, reason, actor)
  local sk = base .. 's:' .. id
  local f = redis.call('HMGET', sk, 'st', 'exp', 'gr', 't', 'u')
  if f[1] ~= 'active' or tonumber(f[2]) <= tonumber(at) then return false end
  redis.call('HSET', sk, 'st', 'revoked', 'eat', at, 'erz', reason, 'eac', actor)
  redis.call('ZREM', base .. 'ix:active', id)
  redis.call('ZADD', base .. 'ix:ended', at, id)
  redis.call('ZADD', base .. 'ix:revoked', at, id)
  if f[3] and f[3] ~= '' then redis.call('ZREM', base .. 'gs:' .. f[3], id) end
  emit('session.revoked', at, f[4], id, f[5], '', reason, '')
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
