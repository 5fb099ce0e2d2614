-- KEYS[1]: the event feed's base "<prefix>{events}:". ARGV: events of one write, eight strings
-- each (see emit in common.lua), appended in order in one step. Answers how many.
for i = 1, #ARGV, 8 do
  append_event(KEYS[1], {ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4],
    ARGV[i + 5], ARGV[i + 6], ARGV[i + 7]})
end
return #ARGV / 8
