-- ARGV: id, status, at, actor. Ends a grant stored as active.
local base, id = KEYS[1], ARGV[1]
local key = base .. 'gr:' .. id
if redis.call('HGET', key, 'st') ~= 'ACTIVE' then return 0 end
redis.call('HSET', key, 'st', ARGV[2], 'eat', ARGV[3], 'eby', ARGV[4])
redis.call('ZREM', base .. 'ix:gactive', id)
return 1
