-- ARGV: id, lastActiveAt, expiresAt. Answers the updated record's fields, or nothing.
local base, id = KEYS[1], ARGV[1]
local sk = base .. 's:' .. id
local f = redis.call('HMGET', sk, 'st', 'exp')
if f[1] ~= 'active' or tonumber(f[2]) <= tonumber(ARGV[2]) then return {} end
redis.call('HSET', sk, 'last', ARGV[2], 'exp', ARGV[3])
redis.call('ZADD', base .. 'ix:active', ARGV[3], id)
return redis.call('HGETALL', sk)
