#!/usr/bin/env sh
# Defines the councils of the participation guide, then shows a call, its close and its draw.
# Usage: BASE=http://localhost:8080 TOKEN=<ADMIN bearer token> sh docs/sortition-councils.sh
# A dev ADMIN token: TOKEN=$(java -jar application/target/participation-ledger.jar token --sub admin --roles ADMIN)
# (see docs/api.md, Authentication). Values marked "placeholder" are not in the guide: confirm them.
set -eu
BASE="${BASE:-http://localhost:8080}"
: "${TOKEN:?set TOKEN to an ADMIN bearer token}"

post() {
  curl -sS -X POST "$BASE/api/v1$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2"
  echo
}

# Conseil Parisien de la Jeunesse: 100 seats, 50 women and 50 men, Parisians aged 15 to 30,
# 2-year mandate, not renewable.
post /councils '{"councilId":"cpj","name":"Conseil Parisien de la Jeunesse","seats":100,"minAge":15,"maxAge":30,
  "residentsOnly":true,"quotas":{"F":50,"M":50},"mandateMonths":24,"renewable":false}'

# Comité des noctambules: 30 seats after a call for applications, 2-year mandate, not renewable.
post /councils '{"councilId":"noctambules","name":"Comité des noctambules","seats":30,"residentsOnly":false,
  "quotas":{"ALL":30},"mandateMonths":24,"renewable":false}'

# Conseil des Générations Futures: only its college of Parisians drawn by lot is a sortition.
# Seats, ages and mandate are placeholders.
post /councils '{"councilId":"cgf-college-tires","name":"Conseil des Générations Futures - collège des Parisiens tirés au sort",
  "seats":20,"minAge":16,"residentsOnly":true,"quotas":{"F":10,"M":10},"mandateMonths":36,"renewable":true}'

# A conseil citoyen: residents drawn by lot with gender parity. Seats and mandate are placeholders.
post /councils '{"councilId":"conseil-citoyen-19","name":"Conseil citoyen du 19e arrondissement (collège habitants)",
  "seats":20,"residentsOnly":true,"quotas":{"F":10,"M":10},"mandateMonths":36,"renewable":true}'

# The CPJ's autumn call: half the council, 25 women and 25 men, 10 alternates per group.
post /councils/cpj/calls '{"callId":"2026","seats":{"F":25,"M":25},"alternatesPerGroup":10}'

# Citizens apply with their own CITIZEN token:
#   curl -X POST "$BASE/api/v1/councils/cpj/calls/2026/applications" -H "Authorization: Bearer $CITIZEN" \
#        -H 'Content-Type: application/json' -d '{"group":"F"}'

# Closing freezes the pool (announce the random sources now: e.g. the Loto of a named later date).
post /councils/cpj/calls/2026/close '{}'
curl -sS "$BASE/api/v1/councils/cpj/calls/2026/pool"; echo

# Once the announced values are public, the draw (SHA256-V1 by default).
post /councils/cpj/calls/2026/draw '{"algorithm":"SHA256-V1","randomSources":[[3,11,24,38,45],[7],"5f1c0a9e"]}'
curl -sS "$BASE/api/v1/councils/cpj/calls/2026/draw"; echo
curl -sS "$BASE/api/v1/councils/cpj/members"; echo
