-- ARGV: seq. Answers 1 if the record existed.
local n = redis.call('DEL', KEYS[1] .. 'a:' .. ARGV[1])
redis.call('ZREM', KEYS[1] .. 'ix:audit', ARGV[1])
return n
