-- The baseline: GET /bench.txt, a static file of the same service, through the same machinery as the
-- acts (the measured window, the drain, the count of the answers), without a token.
--   wrk ... -s bench/wrk/static.lua URL -- SECONDS THREADS   (see ledger.lua)
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local ledger = require("ledger")
local request

ledger.run {
  name = "static",
  tokens = false,
  init = function()
    request = wrk.format("GET", "/bench.txt")
  end,
  build = function()
    return request
  end,
}
