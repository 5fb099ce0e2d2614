-- ARGV: limit (0: none), policy (deny|evict), perType (1|0), eviction at, reason, actor,
-- token hash ('' for none), token issued, audit seq ('' for none), audit field count, audit
-- fields..., then the session's field/value pairs. Appends the evictions, then session.created.
local base = KEYS[1]
local limit, policy, perType = tonumber(ARGV[1]), ARGV[2], ARGV[3] == '1'
local tokHash, tokIssued = ARGV[7], ARGV[8]
local rest = 9 + 2 + tonumber(ARGV[10])
local fields, rec = {}, {}
for i = rest, #ARGV, 2 do
  fields[#fields + 1] = ARGV[i]
  fields[#fields + 1] = ARGV[i + 1]
  rec[ARGV[i]] = ARGV[i + 1]
end
local id = rec.id
-- The client re-sends a script whose answer a dropped connection lost (Lettuce reconnects and
-- retries). The session's field op holds the call's own nonce (the last field given): finding
-- it, this call stored already, so answer as if it stored now (its evictions and events happened
-- the first time).
if redis.call('EXISTS', base .. 's:' .. id) == 1 then
  local mine = redis.call('HGET', base .. 's:' .. id, 'op') == rec.op
  return answer({mine and 'replay' or 'clash'})
end
if tokHash ~= '' and redis.call('EXISTS', base .. 'r:' .. tokHash) == 1 then
  return answer({'clash'})
end
local evicted = {}
if limit > 0 then
  local live = {}
  for _, sid in ipairs(redis.call('ZRANGE', base .. 'u:' .. rec.u, 0, -1)) do
    local f = redis.call('HMGET', base .. 's:' .. sid, 'st', 'exp', 'ct')
    if f[1] == 'active' and tonumber(f[2]) > tonumber(rec.login)
        and (not perType or f[3] == rec.ct) then
      live[#live + 1] = sid
    end
  end
  if #live >= limit then
    if policy == 'deny' then return answer({'denied'}) end
    for i = 1, #live - limit + 1 do
      if revoke_one(base, live[i], ARGV[4], ARGV[5], ARGV[6]) then evicted[#evicted + 1] = live[i] end
    end
  end
end
redis.call('HSET', base .. 's:' .. id, unpack(fields))
redis.call('ZADD', base .. 'ix:all', rec.login, id)
redis.call('ZADD', base .. 'u:' .. rec.u, rec.login, id)
if rec.st == 'active' then
  redis.call('ZADD', base .. 'ix:active', rec.exp, id)
  if rec.gr ~= '' then redis.call('ZADD', base .. 'gs:' .. rec.gr, rec.login, id) end
else
  redis.call('ZADD', base .. 'ix:ended', rec.eat, id)
  if rec.st == 'revoked' then redis.call('ZADD', base .. 'ix:revoked', rec.eat, id) end
end
if tokHash ~= '' then insert_token(base, tokHash, id, tokIssued) end
write_audit(base, ARGV, 9)
emit('session.created', rec.login, rec.t, id, rec.u, '', '', '')
local out = {'ok'}
for _, e in ipairs(evicted) do out[#out + 1] = e end
return answer(out)
