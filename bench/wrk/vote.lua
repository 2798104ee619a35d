-- The budget vote: each request casts the online ballot of the participant of its token. The voter
-- of line i lives in arrondissement i mod 20 + 1 (the postal code of the token, ledger-bench.jar
-- --scenario tokens) and picks the Paris-wide project i mod 2 and that arrondissement's project, as
-- the Java budget-vote scenario does.
--   wrk ... -s bench/wrk/vote.lua URL -- SECONDS THREADS TOKENS_FILE CAMPAIGN_FILE   (see ledger.lua)
-- CAMPAIGN_FILE: ledger-bench.jar --scenario budget-campaign --out FILE (year; Paris-wide projects;
-- the projects of arrondissements 1 to 20, comma-separated).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local ledger = require("ledger")
local path, paris, which = nil, {}, {}

local function split(line)
  local out = {}
  for id in string.gmatch(line, "[^,]+") do
    out[#out + 1] = id
  end
  return out
end

ledger.run {
  name = "vote",
  tokens = true,
  init = function(args)
    local lines = {}
    for line in io.lines(args[4]) do
      lines[#lines + 1] = line
    end
    path = "/api/v1/budget/campaigns/" .. lines[1] .. "/ballots/me"
    paris, which = split(lines[2]), split(lines[3])
    assert(#paris == 2 and #which == 20, "campaign file: two Paris-wide projects and 20 arrondissements expected")
  end,
  build = function(token, i)
    local a = i % 20 + 1
    return ledger.act("PUT", path, token, string.format(
      '{"parisWide":["%s"],"arrondissement":"%d","arrondissementProjects":["%s"]}', paris[i % 2 + 1], a, which[a]))
  end,
}
