-- KEYS[1]: the event feed's base. ARGV: cutoff (ms), limit. Deletes the oldest entries whose at is
-- before the cutoff, up to limit, in order, and raises the purged mark to the last one deleted.
-- Answers how many it deleted.
local base = KEYS[1]
local ids, last = {}, nil
for _, entry in ipairs(redis.call('XRANGE', base .. 'log', '-', '+', 'COUNT', tonumber(ARGV[2]))) do
  local f, at = entry[2], nil
  for i = 1, #f, 2 do
    if f[i] == 'at' then at = f[i + 1] end
  end
  if tonumber(at) >= tonumber(ARGV[1]) then break end
  ids[#ids + 1] = entry[1]
  last = string.match(entry[1], '^(%d+)')
end
if #ids == 0 then return 0 end
redis.call('XDEL', base .. 'log', unpack(ids))
if tonumber(last) > tonumber(redis.call('GET', base .. 'purged') or '0') then
  redis.call('SET', base .. 'purged', last)
end
return #ids
