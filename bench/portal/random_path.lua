-- wrk script: each request asks for a random record (or column) page.
-- PREFIX and COUNT come from the environment: e.g. PREFIX=/records/ COUNT=100000
local prefix = os.getenv("PREFIX")
local count = tonumber(os.getenv("COUNT"))
local first = tonumber(os.getenv("FIRST") or "1")
local suffix = os.getenv("SUFFIX") or ""  -- "?live=1" skips the page snapshots
math.randomseed(2026)
request = function()
  return wrk.format("GET", prefix .. math.random(first, first + count - 1) .. "/" .. suffix)
end
