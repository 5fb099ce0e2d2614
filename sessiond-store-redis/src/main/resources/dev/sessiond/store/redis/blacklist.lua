-- ARGV: name, createdAt, expiresAt. Keeps the later expiry.
local key = KEYS[1] .. 'bl:' .. ARGV[1]
local cur = redis.call('HGET', key, 'e')
if cur and tonumber(cur) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', key, 'c', ARGV[2], 'e', ARGV[3])
redis.call('ZADD', KEYS[1] .. 'ix:bl', ARGV[3], ARGV[1])
return 1
