-- ARGV: key names relative to KEYS[1]. Answers each hash's fields ({} when missing), in order.
local out = {}
for i, name in ipairs(ARGV) do out[i] = redis.call('HGETALL', KEYS[1] .. name) end
return out
