-- ARGV: user id ('' for the whole tenant), notBefore, tenant. Only ever rises; appends
-- watermark.raised when it did.
local cur = redis.call('HGET', KEYS[1] .. 'wm', ARGV[1])
if cur and tonumber(cur) >= tonumber(ARGV[2]) then return answer(0) end
redis.call('HSET', KEYS[1] .. 'wm', ARGV[1], ARGV[2])
emit('watermark.raised', ARGV[2], ARGV[3], '', ARGV[1], '', '', '')
return answer(1)
