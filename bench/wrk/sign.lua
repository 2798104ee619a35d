-- The petition surge: each request signs ONE petition for the participant of its token.
--   wrk ... -s bench/wrk/sign.lua URL -- SECONDS THREADS TOKENS_FILE PETITION_ID[,PETITION_ID...]   (see ledger.lua)
-- With several petitions, every participant signs the first; once a thread has used all its tokens, the
-- same participants sign the second, and so on (participants who already acted: bench/run-all's second figure).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local ledger = require("ledger")
local paths = {}

ledger.run {
  name = "sign",
  tokens = true,
  init = function(args)
    for id in string.gmatch(args[4], "[^,]+") do
      paths[#paths + 1] = "/api/v1/petitions/" .. id .. "/signatures"
    end
    return #paths
  end,
  build = function(token, i, round)
    return ledger.act("POST", paths[round + 1], token, "{}")
  end,
}
