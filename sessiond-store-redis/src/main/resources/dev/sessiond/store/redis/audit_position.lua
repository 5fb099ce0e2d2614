-- KEYS[1]: the audit base "<prefix>{audit}:". ARGV: tenant, at. Takes the next position and
-- indexes it by position and by time before the record is written in its tenant's slot.
local seq = redis.call('INCR', KEYS[1] .. 'seq')
local member = seq .. ':' .. ARGV[1]
redis.call('ZADD', KEYS[1] .. 'ix', seq, member)
redis.call('ZADD', KEYS[1] .. 'at', ARGV[2], member)
return seq
