-- wrk script: the final complaint POST, one finished session per request.
-- Arguments: <sessions file> [<confirmation path pattern>]
-- Each line of the sessions file is "<session cookie> <csrf token>" (bench/seed.py).
-- A request whose response redirects to the confirmation page counts as a confirmation shown.

local lines = {}
local index = 0
local pattern = "complaint-sent"
local counter = 0
confirmations = 0
statuses = {}

local base = 0

function init(args)
  -- Each run pretends to be new people: the rate limit counts every POST exactly, so
  -- addresses reused by earlier runs within the hour would meet the submit limit (20).
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  base = math.random(0, 16000000)
  for line in io.lines(args[1]) do
    lines[#lines + 1] = line
  end
  if args[2] then pattern = args[2] end
end

function request()
  index = index + 1
  if index > #lines then
    -- Out of sessions: a repeat POST of an already submitted complaint (idempotent).
    index = 1
  end
  local cookie, token = lines[index]:match("^(%S+) (%S+)$")
  counter = counter + 1
  local headers = {
    ["Cookie"] = cookie .. "; csrftoken=" .. token,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    -- A different person each time, as on a busy day (see RATELIMIT_TRUST_FORWARDED_FOR).
    ["X-Forwarded-For"] = string.format(
      "10.%d.%d.%d",
      math.floor((base + counter) / 65536) % 256,
      math.floor((base + counter) / 256) % 256,
      (base + counter) % 256
    ),
  }
  return wrk.format("POST", nil, headers, "csrfmiddlewaretoken=" .. token .. "&declaration=yes")
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local location = headers["Location"] or headers["location"] or ""
  if (status == 302 or status == 303) and string.find(location, pattern, 1, true) then
    confirmations = confirmations + 1
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local total = 0
  local merged = {}
  for _, thread in ipairs(threads) do
    total = total + thread:get("confirmations")
    for status, n in pairs(thread:get("statuses")) do
      merged[tostring(status)] = (merged[tostring(status)] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(merged) do
    parts[#parts + 1] = string.format('"%s": %d', status, n)
  end
  io.write(string.format('BENCH {"confirmations": %d, "statuses": {%s}}\n', total, table.concat(parts, ", ")))
end
