-- KEYS[1]: the lease. ARGV: holder, now, until (epoch ms, the caller's clock). Takes the lease if
-- nobody holds it, its holder's lease ended at or before now, or the holder already has it.
local held = redis.call('HMGET', KEYS[1], 'h', 'u')
if held[1] and held[1] ~= ARGV[1] and tonumber(held[2]) > tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'h', ARGV[1], 'u', ARGV[3])
return 1
