-- ARGV: user id ('' for the whole tenant), notBefore. Only ever rises.
local cur = redis.call('HGET', KEYS[1] .. 'wm', ARGV[1])
if cur and tonumber(cur) >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1] .. 'wm', ARGV[1], ARGV[2])
return 1
