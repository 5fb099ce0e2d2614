-- ARGV: id, status, at, actor, tenant. Ends a grant stored as active; appends grant.ended.
local base, id = KEYS[1], ARGV[1]
local key = base .. 'gr:' .. id
if redis.call('HGET', key, 'st') ~= 'ACTIVE' then return answer(0) end
redis.call('HSET', key, 'st', ARGV[2], 'eat', ARGV[3], 'eby', ARGV[4])
redis.call('ZREM', base .. 'ix:gactive', id)
emit('grant.ended', ARGV[3], ARGV[5], '', '', id, string.lower(ARGV[2]), '')
return answer(1)
