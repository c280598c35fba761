-- wrk script: one signed GET, every answer checked against the expected status and bytes.
-- Environment: AUTH (Authorization header, optional), EXPECT_BODY (file), EXPECT_STATUS (default 200).
local auth = os.getenv("AUTH")
if auth and #auth > 0 then
  wrk.headers["Authorization"] = auth
end

local expected_status = tonumber(os.getenv("EXPECT_STATUS") or "200")
local file = assert(io.open(assert(os.getenv("EXPECT_BODY"), "EXPECT_BODY is not set"), "rb"))
local expected_body = file:read("*a")
file:close()

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrong = 0
  checked = 0
end

-- Defining response() makes wrk parse every body; the cost is the same for every target.
function response(status, headers, body)
  checked = checked + 1
  if status ~= expected_status or body ~= expected_body then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local w, c = 0, 0
  for _, t in ipairs(threads) do
    w = w + t:get("wrong")
    c = c + t:get("checked")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f socket_errors=%d wrong=%d checked=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, w, c))
end
