package fr.paris.ledger.budget;

import java.util.HashMap;
import java.util.Map;

/** In-memory ballot numbers for fixture tests: number to the batch whose live entry holds it. */
final class FakePaperBallotNumbers implements PaperBallotNumbers {
    final Map<String, String> held = new HashMap<>();

    @Override
    public boolean take(CampaignYear year, BallotNumber ballotNumber, String batchId) {
        return held.putIfAbsent(year + ":" + ballotNumber, batchId) == null;
    }

    @Override
    public void release(CampaignYear year, BallotNumber ballotNumber) {
        held.remove(year + ":" + ballotNumber);
    }

    @Override
    public void releaseBatch(CampaignYear year, String batchId) {
        held.values().removeIf(batchId::equals);
    }
}
