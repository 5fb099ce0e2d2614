-- ARGV: id, createdAt, expiresAt, status, then field/value pairs.
local base, id = KEYS[1], ARGV[1]
-- A re-sent insert (its answer lost with a dropped connection) finds its own grant, by the
-- call's nonce in field op (the last value given): 1 again.
if redis.call('EXISTS', base .. 'gr:' .. id) == 1 then
  return redis.call('HGET', base .. 'gr:' .. id, 'op') == ARGV[#ARGV] and 1 or 0
end
local fields = {}
for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', base .. 'gr:' .. id, unpack(fields))
redis.call('ZADD', base .. 'ix:grants', ARGV[2], id)
if ARGV[4] == 'ACTIVE' then redis.call('ZADD', base .. 'ix:gactive', ARGV[3], id) end
return 1
