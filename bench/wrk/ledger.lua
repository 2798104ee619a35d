-- What the benchmarks' wrk scripts share (sign.lua, vote.lua, card.lua, static.lua): the tokens,
-- the measured window and its drain, the count of the answers, and a one-line JSON summary.
--
--   wrk -t T -c C -d <S + grace>s --timeout 30s -s bench/wrk/sign.lua URL -- S T TOKENS_FILE [more...]
--
-- S: the measured window in seconds, from each thread's first request. After it, no request is sent:
-- each connection waits (delay()) once its answer is in, and a thread stops when every request it
-- sent has been answered, so every act the service carried out is counted (wrk alone would drop the
-- answers in flight at its end). wrk's own -d must leave room for that (bench/run-all: S + 3 s).
-- T: wrk's -t (the number of threads), to split the tokens.
-- TOKENS_FILE: one token a line (ledger-bench.jar --scenario tokens); thread j of T takes the lines
-- j, j + T, j + 2T... (from 0), each once, so no two requests and no two connections share a token.
-- A script may go through its tokens more than once (sign.lua: once per petition given), each pass a
-- round; when a thread's tokens run out it stops sending ("exhausted" in the summary), as after the window.
--
-- The summary (done(), one line starting with "{"): requests answered, ok (2xx), non2xx, unanswered
-- (sent without an answer: on a broken connection, or still in flight when wrk stopped), failures
-- (non2xx + unanswered + socket errors), seconds (from the first request sent to the last answer),
-- perSecond (ok / seconds), p50Micros and p99Micros (wrk's latency of every answered request),
-- exhausted, and used ("n0,n1": how many tokens each thread sent, for run-all to know whose were used).
local M = {}

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } ledger_timespec;
int clock_gettime(int clock_id, ledger_timespec *tp);
]]
local timespec = ffi.new("ledger_timespec")
local function now() -- CLOCK_MONOTONIC (1 on Linux), in seconds
  ffi.C.clock_gettime(1, timespec)
  return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) / 1e9
end

local IDLE_MS = 3600 * 1000 -- "send nothing more" for a connection: longer than any run

-- spec.name: the scenario's name in the summary; spec.tokens: whether the script reads a token file;
-- spec.init(args): reads the script's own arguments (after the token file), returns how many rounds the
-- tokens may serve (1 when it returns nothing); spec.build(token, i, round): the request for the token of
-- line i in its round (from 0) (nil, nil, nil without tokens).
function M.run(spec)
  local threads = {} -- in the setup and done environment only

  function setup(thread)
    thread:set("thread_index", #threads)
    table.insert(threads, thread)
  end

  function init(args)
    seconds = tonumber(args[1])
    thread_count = tonumber(args[2])
    tokens = {}
    if spec.tokens then
      local n = 0
      for line in io.lines(args[3]) do
        if n % thread_count == thread_index then
          tokens[#tokens + 1] = line
        end
        n = n + 1
      end
    end
    rounds = spec.init and spec.init(args) or 1
    granted, sent, answered, ok, shown = 0, 0, 0, 0, 0
    statuses = {}
    draining, exhausted = false, false
    first, last, deadline = 0, 0, nil
  end

  local function stop_when_idle()
    if draining and answered >= granted and answered >= sent then
      wrk.thread:stop()
    end
  end

  -- wrk calls delay() before each request of a connection: 0 to send it now, IDLE_MS after the window
  -- or when no token is left (each 0 reserves one token for the request() that follows)
  function delay()
    local t = now()
    if deadline == nil then
      first = t
      deadline = t + seconds
    end
    if not draining and t >= deadline then
      draining = true
    end
    if not draining and spec.tokens and granted >= #tokens * rounds then
      draining, exhausted = true, true
    end
    if draining then
      stop_when_idle()
      return IDLE_MS
    end
    granted = granted + 1
    return 0
  end

  function request()
    if deadline == nil then -- wrk's check of the request's form, before the run (delay() comes first in the run): not sent
      return spec.build(tokens[1] or "none", thread_index, 0)
    end
    sent = sent + 1
    if not spec.tokens then
      return spec.build(nil, nil)
    end
    local k, round = (sent - 1) % #tokens, math.floor((sent - 1) / #tokens)
    if round >= rounds then -- a request resent after a broken connection, past the last token: answered 4xx, counted as failed
      exhausted = true
      return wrk.format("GET", "/api/v1/no-token-left")
    end
    return spec.build(tokens[k + 1], k * thread_count + thread_index, round)
  end

  function response(status, headers, body)
    answered = answered + 1
    last = now()
    statuses[status] = (statuses[status] or 0) + 1
    if status >= 200 and status < 300 then
      ok = ok + 1
    elseif shown < 3 then
      shown = shown + 1
      io.stderr:write(spec.name .. ": " .. status .. " " .. string.sub(body or "", 1, 300) .. "\n")
    end
    if not draining and last >= deadline then
      draining = true
    end
    stop_when_idle()
  end

  function done(summary, latency, requests)
    local s = {sent = 0, answered = 0, ok = 0}
    local first_all, last_all, exhausted_any = nil, 0, false
    local used, codes = {}, {}
    for _, thread in ipairs(threads) do
      for k in pairs(s) do
        s[k] = s[k] + (thread:get(k) or 0)
      end
      local f, l = thread:get("first"), thread:get("last")
      if f and f > 0 and (first_all == nil or f < first_all) then
        first_all = f
      end
      if l and l > last_all then
        last_all = l
      end
      exhausted_any = exhausted_any or thread:get("exhausted")
      used[#used + 1] = string.format("%d", thread:get("sent") or 0)
      for code, n in pairs(thread:get("statuses") or {}) do
        codes[code] = (codes[code] or 0) + n
      end
    end
    local list = {}
    for code, n in pairs(codes) do
      list[#list + 1] = string.format("%d=%d", code, n)
    end
    table.sort(list)
    local e = summary.errors
    local elapsed = first_all and last_all > first_all and (last_all - first_all) or 0
    local unanswered = s.sent - s.answered
    local failures = (s.answered - s.ok) + unanswered + e.connect + e.read + e.write
    io.write(string.format('{"scenario":"%s","requests":%d,"ok":%d,"non2xx":%d,"unanswered":%d,"failures":%d,'
      .. '"seconds":%.3f,"perSecond":%.1f,"p50Micros":%d,"p99Micros":%d,"exhausted":%s,"used":"%s",'
      .. '"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeouts":%d,"statuses":"%s"}\n',
      spec.name, s.answered, s.ok, s.answered - s.ok, unanswered, failures, elapsed,
      elapsed > 0 and s.ok / elapsed or 0, latency:percentile(50), latency:percentile(99),
      tostring(exhausted_any), table.concat(used, ","), e.connect, e.read, e.write, e.timeout,
      table.concat(list, " ")))
  end
end

-- the request of an act: the participant's bearer token, a JSON body
function M.act(method, path, token, body)
  return wrk.format(method, path, {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end

return M
