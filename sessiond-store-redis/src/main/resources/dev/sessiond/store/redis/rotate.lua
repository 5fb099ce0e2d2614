-- ARGV: presented hash, next hash, next session id, next issued, now, audit seq, audit field
-- count, audit fields... Compare-and-set of the family head; answers 1 if this call rotated, and
-- then appends session.refreshed (if the session is stored).
local base, presented, nextHash, sid = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
local r = redis.call('HMGET', base .. 'r:' .. presented, 'sid', 'rot')
if not r[1] or r[2] or r[1] ~= sid then return answer(0) end
if redis.call('GET', base .. 'head:' .. sid) ~= presented then return answer(0) end
if redis.call('EXISTS', base .. 'r:' .. nextHash) == 1 then return answer(0) end
redis.call('HSET', base .. 'r:' .. presented, 'rot', ARGV[5])
insert_token(base, nextHash, sid, ARGV[4])
write_audit(base, ARGV, 6)
local s = redis.call('HMGET', base .. 's:' .. sid, 't', 'u')
if s[1] then emit('session.refreshed', ARGV[5], s[1], sid, s[2], '', '', '') end
return answer(1)
