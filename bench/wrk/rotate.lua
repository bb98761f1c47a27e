-- The one load-generator script of every benchmark row (bench/bench.py writes its two inputs):
--   BENCH_USERS     lines "apiKey<TAB>userId<TAB>spaceId<TAB>otherUserId<TAB>cards": the users to
--                   rotate over (cards: how many cards c0..c<cards-1> the user's space holds, or empty)
--   BENCH_REQUESTS  lines "weight<TAB>METHOD<TAB>path<TAB>body": the row's request mix; path and
--                   body may hold {user}, {space}, {other} (from the user's line), {n} (unique),
--                   {i} (a number: the request count modulo 10,000, for coordinates) and {card}
--                   (a card id of the user's space, c0..c<cards-1>, varied request by request)
-- Every request takes the next user (the Authorization header is that user's key, on every row,
-- the /health/live baseline too) and the next kind of the expanded weighted mix.
-- done() prints one line "BENCH_JSON {...}" that bench.py parses. wrk counts a status >= 400 in
-- summary.errors.status; no response() hook, so no row pays for reading bodies in Lua.

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

local function fields(line)
  local result = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    result[#result + 1] = field
  end
  return result
end

local users, kinds, n, offset, prefix

function init(args)
  users = {}
  for line in io.lines(os.getenv("BENCH_USERS")) do
    if line ~= "" then users[#users + 1] = fields(line) end
  end
  kinds = {}
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    if line ~= "" then
      local f = fields(line)
      local kind = { method = f[2], path = f[3], body = f[4] or "" }
      kind.templated = (kind.path .. kind.body):find("{", 1, true) ~= nil
      for _ = 1, tonumber(f[1]) do kinds[#kinds + 1] = kind end
    end
  end
  n = 0
  -- Threads start far apart in the user list, so they do not walk the same users in step.
  offset = ((thread_id or 1) - 1) * 7919
  prefix = tostring(thread_id or 1) .. "-"
end

local function fill(text, user, count)
  local cards = tonumber(user[5] or "") or 1
  return (text:gsub("{user}", user[2]):gsub("{space}", user[3] or ""):gsub("{other}", user[4] or "")
    :gsub("{n}", prefix .. count):gsub("{i}", tostring(count % 10000)):gsub("{card}", "c" .. (count * 7 + (thread_id or 1)) % cards))
end

function request()
  n = n + 1
  local user = users[(n + offset) % #users + 1]
  local kind = kinds[n % #kinds + 1]
  local path, body = kind.path, kind.body
  if kind.templated then
    path = fill(path, user, n)
    body = fill(body, user, n)
  end
  local headers = { ["Authorization"] = user[1] }
  if body ~= "" then
    headers["Content-Type"] = "application/json"
    return wrk.format(kind.method, path, headers, body)
  end
  return wrk.format(kind.method, path, headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,'
      .. '"p50_us":%.0f,"p90_us":%.0f,"p99_us":%.0f,"mean_us":%.1f,"max_us":%.0f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
