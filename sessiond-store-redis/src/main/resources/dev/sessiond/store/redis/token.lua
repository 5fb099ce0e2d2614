-- ARGV: hash, session id, issued. Stores a family's first token.
local base, hash, sid = KEYS[1], ARGV[1], ARGV[2]
if redis.call('EXISTS', base .. 's:' .. sid) == 0 then return 'nosession' end
if redis.call('EXISTS', base .. 'r:' .. hash) == 1 then return 'clash' end
if redis.call('EXISTS', base .. 'head:' .. sid) == 1 then return 'head' end
insert_token(base, hash, sid, ARGV[3])
return 'ok'
