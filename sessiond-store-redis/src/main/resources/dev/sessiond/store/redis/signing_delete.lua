-- ARGV: cutoff. Deletes keys retired before it.
local base, n = KEYS[1], 0
for _, kid in ipairs(redis.call('ZRANGE', base .. 'ix', 0, -1)) do
  local ret = redis.call('HGET', base .. 'k:' .. kid, 'ret')
  if ret and tonumber(ret) < tonumber(ARGV[1]) then
    redis.call('DEL', base .. 'k:' .. kid)
    redis.call('ZREM', base .. 'ix', kid)
    n = n + 1
  end
end
return n
