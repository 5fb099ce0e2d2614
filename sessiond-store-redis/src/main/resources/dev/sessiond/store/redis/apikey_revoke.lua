-- ARGV: id, at. Revokes a live key once; appends api_key.revoked with the key's tenant.
local key = KEYS[1] .. 'k:' .. ARGV[1]
if redis.call('EXISTS', key) == 0 or redis.call('HEXISTS', key, 'rev') == 1 then
  return answer(0)
end
redis.call('HSET', key, 'rev', ARGV[2])
emit('api_key.revoked', ARGV[2], redis.call('HGET', key, 't'), '', '', ARGV[1], '', '')
return answer(1)
