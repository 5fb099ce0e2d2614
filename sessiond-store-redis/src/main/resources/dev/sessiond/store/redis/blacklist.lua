-- ARGV: name, createdAt, expiresAt, tenant. Keeps the later expiry; appends blacklisted with the
-- entry as given either way. Answers 1 if it stored the entry.
local key = KEYS[1] .. 'bl:' .. ARGV[1]
emit('blacklisted', ARGV[2], ARGV[4], '', '', ARGV[1], '', ARGV[3])
local cur = redis.call('HGET', key, 'e')
if cur and tonumber(cur) >= tonumber(ARGV[3]) then return answer(0) end
redis.call('HSET', key, 'c', ARGV[2], 'e', ARGV[3])
redis.call('ZADD', KEYS[1] .. 'ix:bl', ARGV[3], ARGV[1])
return answer(1)
