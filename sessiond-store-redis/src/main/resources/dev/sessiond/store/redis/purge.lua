-- ARGV: cutoff, limit. Deletes ended sessions that ended before the cutoff with their tokens;
-- answers {deleted ids, their token hashes, the earliest ending left} so the caller can drop
-- the global pointers and settle its due bound.
local base = KEYS[1]
local ids, hashes = {}, {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', base .. 'ix:ended', '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))) do
  local sk = base .. 's:' .. id
  local f = redis.call('HMGET', sk, 'u', 'st')
  if f[2] and f[2] ~= 'active' then
    redis.call('DEL', sk)
    redis.call('ZREM', base .. 'ix:all', id)
    redis.call('ZREM', base .. 'u:' .. f[1], id)
    redis.call('ZREM', base .. 'ix:revoked', id)
    for _, h in ipairs(redis.call('SMEMBERS', base .. 'fam:' .. id)) do
      redis.call('DEL', base .. 'r:' .. h)
      hashes[#hashes + 1] = h
    end
    redis.call('DEL', base .. 'fam:' .. id, base .. 'head:' .. id)
    ids[#ids + 1] = id
  end
  redis.call('ZREM', base .. 'ix:ended', id)
end
local first = redis.call('ZRANGE', base .. 'ix:ended', 0, 0, 'WITHSCORES')
return {ids, hashes, first[2] or ''}
