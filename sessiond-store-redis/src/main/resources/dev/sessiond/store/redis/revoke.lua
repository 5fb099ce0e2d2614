-- ARGV: mode (one|user|tenant), at, reason, actor, then the id, the user id or the limit.
-- Answers the ids it revoked; appends session.revoked for each.
local base, mode, at = KEYS[1], ARGV[1], ARGV[2]
local ids
if mode == 'one' then
  ids = {ARGV[5]}
elseif mode == 'user' then
  ids = redis.call('ZRANGE', base .. 'u:' .. ARGV[5], 0, -1)
else
  ids = redis.call('ZRANGEBYSCORE', base .. 'ix:active', '(' .. at, '+inf', 'LIMIT', 0, tonumber(ARGV[5]))
end
local out = {}
for _, id in ipairs(ids) do
  if revoke_one(base, id, at, ARGV[3], ARGV[4]) then out[#out + 1] = id end
end
return answer(out)
