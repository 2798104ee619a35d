-- Card issuance: each request asks for the citizen card of the participant of its token.
--   wrk ... -s bench/wrk/card.lua URL -- SECONDS THREADS TOKENS_FILE   (see ledger.lua)
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local ledger = require("ledger")

ledger.run {
  name = "card",
  tokens = true,
  build = function(token)
    return ledger.act("POST", "/api/v1/citizen-cards", token, "{}")
  end,
}
