-- ARGV: presented hash, next hash, next session id, next issued, now, audit seq, audit field
-- count, audit fields... Compare-and-set of the family head; answers 1 if this call rotated.
local base, presented, nextHash, sid = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
local r = redis.call('HMGET', base .. 'r:' .. presented, 'sid', 'rot')
if not r[1] or r[2] or r[1] ~= sid then return 0 end
if redis.call('GET', base .. 'head:' .. sid) ~= presented then return 0 end
if redis.call('EXISTS', base .. 'r:' .. nextHash) == 1 then return 0 end
redis.call('HSET', base .. 'r:' .. presented, 'rot', ARGV[5])
insert_token(base, nextHash, sid, ARGV[4])
write_audit(base, ARGV, 6)
return 1
