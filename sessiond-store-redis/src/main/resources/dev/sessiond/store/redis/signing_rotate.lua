-- KEYS[1]: the signing keys' base. ARGV: kid, algorithm, now, createdAt, the deployment's tenant
-- name, then field/value pairs. Appends signing_key.rotated.
local base, kid = KEYS[1], ARGV[1]
-- A re-sent rotation (its answer lost with a dropped connection) finds its own key, by the
-- call's nonce in field op (the last value given): 1 again.
if redis.call('EXISTS', base .. 'k:' .. kid) == 1 then
  return answer(redis.call('HGET', base .. 'k:' .. kid, 'op') == ARGV[#ARGV] and 1 or 0)
end
for _, other in ipairs(redis.call('ZRANGE', base .. 'ix', 0, -1)) do
  local f = redis.call('HMGET', base .. 'k:' .. other, 'alg', 'ret')
  if f[1] == ARGV[2] and not f[2] then redis.call('HSET', base .. 'k:' .. other, 'ret', ARGV[3]) end
end
local fields = {}
for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', base .. 'k:' .. kid, unpack(fields))
redis.call('ZADD', base .. 'ix', ARGV[4], kid)
emit('signing_key.rotated', ARGV[3], ARGV[5], '', '', kid, '', '')
return answer(1)
