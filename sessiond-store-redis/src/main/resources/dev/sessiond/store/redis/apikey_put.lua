-- KEYS[1]: the API keys' base. ARGV: id, createdAt, then field/value pairs. Replaces whole.
local key = KEYS[1] .. 'k:' .. ARGV[1]
local fields = {}
for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('DEL', key)
redis.call('HSET', key, unpack(fields))
redis.call('ZADD', KEYS[1] .. 'ix', ARGV[2], ARGV[1])
return 1
