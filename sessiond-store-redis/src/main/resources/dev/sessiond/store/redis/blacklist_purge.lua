-- ARGV: now, limit. Deletes bans that lapsed by now; answers how many and the earliest
-- expiry left.
local n = 0
for _, name in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1] .. 'ix:bl', '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))) do
  n = n + redis.call('DEL', KEYS[1] .. 'bl:' .. name)
  redis.call('ZREM', KEYS[1] .. 'ix:bl', name)
end
local first = redis.call('ZRANGE', KEYS[1] .. 'ix:bl', 0, 0, 'WITHSCORES')
return {n, first[2] or ''}
