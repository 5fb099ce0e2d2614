-- The tenants with due work, all under KEYS[1] = "<prefix>{due}:". For each kind of sweep
-- (exp: sessions to expire, end: ended sessions to purge, grant: grants to expire, bl: bans to
-- purge), z:<kind> scores each tenant with a lower bound of its earliest due item; p:<kind>
-- counts the writes under way per tenant and v:<kind> counts changes, so a sweep raises a
-- tenant's bound only when no write has entered or left since it read the bound.
local base, mode = KEYS[1], ARGV[1]
if mode == 'enter' then
  -- ARGV: tenant, then kind/score pairs: a write is about to add items at those scores.
  local t = ARGV[2]
  redis.call('SADD', base .. 'tenants', t)
  for i = 3, #ARGV, 2 do
    redis.call('HINCRBY', base .. 'p:' .. ARGV[i], t, 1)
    redis.call('HINCRBY', base .. 'v:' .. ARGV[i], t, 1)
    redis.call('ZADD', base .. 'z:' .. ARGV[i], 'LT', ARGV[i + 1], t)
  end
  return 1
elseif mode == 'leave' then
  -- ARGV: tenant, kinds...: the write has finished (stored or refused).
  local t = ARGV[2]
  for i = 3, #ARGV do
    if redis.call('HINCRBY', base .. 'p:' .. ARGV[i], t, -1) <= 0 then
      redis.call('HDEL', base .. 'p:' .. ARGV[i], t)
    end
    redis.call('HINCRBY', base .. 'v:' .. ARGV[i], t, 1)
  end
  return 1
elseif mode == 'due' then
  -- ARGV: kind, the highest due score (Redis score syntax). Answers tenant, version, score.
  local out = {}
  local due = redis.call('ZRANGEBYSCORE', base .. 'z:' .. ARGV[2], '-inf', ARGV[3], 'WITHSCORES')
  for i = 1, #due, 2 do
    out[#out + 1] = due[i]
    out[#out + 1] = redis.call('HGET', base .. 'v:' .. ARGV[2], due[i]) or '0'
    out[#out + 1] = due[i + 1]
  end
  return out
end
-- settle. ARGV: kind, tenant, the version read with 'due', the tenant's new earliest score ('' for
-- none). Answers 1 if the bound was moved.
local kind, t = ARGV[2], ARGV[3]
if redis.call('HEXISTS', base .. 'p:' .. kind, t) == 1 then return 0 end
if (redis.call('HGET', base .. 'v:' .. kind, t) or '0') ~= ARGV[4] then return 0 end
if ARGV[5] == '' then
  redis.call('ZREM', base .. 'z:' .. kind, t)
else
  redis.call('ZADD', base .. 'z:' .. kind, ARGV[5], t)
end
redis.call('HINCRBY', base .. 'v:' .. kind, t, 1)
return 1
