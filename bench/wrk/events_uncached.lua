-- wrk script: /api/events with the typical filter of docs/PERFORMANCE.md
-- (ASSAULT, occurred, a date range, newest first), but a different date
-- range, offset and page size on every request, so that no answer comes
-- from the server's read cache (Store::ReadCache): over a million
-- combinations against some tens of thousands of requests in a run.
--
--   wrk -t2 -c32 -d20s --latency -s bench/wrk/events_uncached.lua http://127.0.0.1:18779
local counter = 0

request = function()
  counter = counter + 1
  local from = string.format("2025-%02d-%02d", math.random(9, 10), math.random(1, 28))
  local to = string.format("2025-12-%02d", math.random(1, 28))
  local path = string.format(
    "/api/events?type=ASSAULT&status=occurred&from=%s&to=%s&sort=-date&limit=%d&offset=%d",
    from, to, math.random(40, 59), math.random(0, 49))
  return wrk.format("GET", path)
end
