-- wrk script: POST receipts with a till's token, every receipt its own id.
-- Environment: TOKEN (the till's API token), RECEIPTS_PATH
-- (/api/v1/companies/SLUG/receipts), BATCH (receipts per request, default 1),
-- RUN (a word that keeps ids apart between runs).
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local batch = tonumber(os.getenv("BATCH") or "1")
local run = os.getenv("RUN") or "0"
local n = 0

local function receipt(id)
  return string.format(
    '{"id":"%s","register":"K1","department":"Café","time":"2026-11-21T10:00:00+01:00",' ..
    '"lines":[{"product_group":"Kaffe","vat_rate":"12","quantity":"1","unit_price":"32.00"}],' ..
    '"payments":[{"method":"card","amount":"32.00"}]}', id)
end

function init(args)
  wrk.method = "POST"
  wrk.path = os.getenv("RECEIPTS_PATH")
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local parts = {}
  for i = 1, batch do
    n = n + 1
    parts[i] = receipt(string.format("B%s-%d-%d", run, tid, n))
  end
  local body = batch == 1 and parts[1] or ("[" .. table.concat(parts, ",") .. "]")
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  io.write(string.format("receipts/s %.0f  (requests/s %.0f, %d receipts per request)\n",
                         summary.requests / (summary.duration / 1e6) * batch,
                         summary.requests / (summary.duration / 1e6), batch))
  io.write(string.format("latency ms p50 %.2f p90 %.2f p99 %.2f max %.2f\n",
                         latency:percentile(50) / 1000, latency:percentile(90) / 1000,
                         latency:percentile(99) / 1000, latency.max / 1000))
end
