-- ARGV: now, limit. Marks due active sessions expired; answers how many, and the earliest
-- expiry left ('' for none). Appends session.expired for each.
local base = KEYS[1]
local n = 0
for _, id in ipairs(redis.call('ZRANGEBYSCORE', base .. 'ix:active', '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))) do
  local sk = base .. 's:' .. id
  local f = redis.call('HMGET', sk, 'st', 'exp', 'abs', 'gr', 't', 'u')
  if f[1] == 'active' then
    local reason = 'idle_timeout'
    if f[2] == f[3] then reason = 'absolute_lifetime' end
    redis.call('HSET', sk, 'st', 'expired', 'eat', f[2], 'erz', reason, 'eac', 'system')
    redis.call('ZADD', base .. 'ix:ended', f[2], id)
    if f[4] and f[4] ~= '' then redis.call('ZREM', base .. 'gs:' .. f[4], id) end
    emit('session.expired', f[2], f[5], id, f[6], '', reason, '')
    n = n + 1
  end
  redis.call('ZREM', base .. 'ix:active', id)
end
local first = redis.call('ZRANGE', base .. 'ix:active', 0, 0, 'WITHSCORES')
return answer({n, first[2] or ''})
