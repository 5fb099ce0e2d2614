-- ARGV: id, at. Revokes a live key once.
local key = KEYS[1] .. 'k:' .. ARGV[1]
if redis.call('EXISTS', key) == 0 or redis.call('HEXISTS', key, 'rev') == 1 then return 0 end
redis.call('HSET', key, 'rev', ARGV[2])
return 1
