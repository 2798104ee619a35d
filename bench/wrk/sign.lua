-- The petition surge: each request signs ONE petition for the participant of its token.
--   wrk ... -s bench/wrk/sign.lua URL -- SECONDS THREADS TOKENS_FILE PETITION_ID   (see ledger.lua)
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local ledger = require("ledger")
local path

ledger.run {
  name = "sign",
  tokens = true,
  init = function(args)
    path = "/api/v1/petitions/" .. args[4] .. "/signatures"
  end,
  build = function(token)
    return ledger.act("POST", path, token, "{}")
  end,
}
