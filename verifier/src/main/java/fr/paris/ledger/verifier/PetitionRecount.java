package fr.paris.ledger.verifier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.paris.ledger.petition.PetitionDeclined;
import fr.paris.ledger.petition.PetitionFacts;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.PetitionPlacedOnCouncilAgenda;
import fr.paris.ledger.petition.PetitionPublished;
import fr.paris.ledger.petition.PetitionSignatureWithdrawn;
import fr.paris.ledger.petition.PetitionSigned;
import fr.paris.ledger.petition.PetitionStatus;
import fr.paris.ledger.petition.PetitionWithdrawn;
import fr.paris.ledger.petition.SignatureRecount;
import fr.paris.ledger.shared.SingleValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code recount}, petitions: replays each petition's signature events through the domain's
 * {@link SignatureRecount} against its signing window (folded with {@link PetitionFacts}) and compares
 * the valid signatures with what a PetitionPlacedOnCouncilAgenda or PetitionDeclined event recorded.
 * Signature events are held in memory grouped per signer (this grows with the number of signatures).
 * Budget campaigns are not recounted yet.
 */
public final class PetitionRecount {
    static final String PETITION = "fr.paris.ledger.petition.";

    /** The mapper for payloads: typed ids as plain strings, times as ISO-8601 strings. */
    public static ObjectMapper payloadMapper() {
        SimpleModule singleValues = new SimpleModule("single-values");
        singleValues.setDeserializers(new SimpleDeserializers() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config, BeanDescription bean) {
                Class<?> raw = type.getRawClass();
                if (!SingleValue.class.isAssignableFrom(raw) || !raw.isRecord()) {
                    return null;
                }
                return new JsonDeserializer<Object>() {
                    @Override
                    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        String value = p.getValueAsString();
                        try {
                            return raw.getDeclaredConstructor(String.class).newInstance(value);
                        } catch (ReflectiveOperationException e) {
                            return ctxt.handleInstantiationProblem(raw, value, e.getCause() != null ? e.getCause() : e);
                        }
                    }
                };
            }
        });
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(singleValues)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private record SignerEvent(String aggregateId, long sequenceNumber, Object event) {
    }

    private record Decision(String event, long validSignatures, Instant decidedAt) {
    }

    private static final class Petition {
        PetitionFacts facts;
        Decision decision;
        final List<SignerEvent> signatures = new ArrayList<>();
    }

    /** Prints one line per decided petition and returns whether every recorded count matches. */
    public static boolean run(InputStream export, PrintStream out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectMapper payloads = payloadMapper();
        Map<String, Petition> petitions = new TreeMap<>();
        ExportVerifier.LineReader lines = new ExportVerifier.LineReader(export);
        byte[] line;
        long leaf = 0;
        while ((line = lines.next()) != null) {
            JsonNode o = json.readTree(line);
            String type = o.path("payloadType").asText("");
            JsonNode payload = o.get("payload");
            if (type.startsWith(PETITION) && payload != null && payload.has("petitionId")) {
                String id = payload.get("petitionId").asText();
                Petition p = petitions.computeIfAbsent(id, k -> new Petition());
                if (p.facts == null) {
                    p.facts = new PetitionFacts(new PetitionId(id), "", PetitionStatus.PENDING_MODERATION, null);
                }
                try {
                    switch (type.substring(PETITION.length())) {
                        case "PetitionPublished" -> p.facts = PetitionFacts.apply(p.facts, payloads.treeToValue(payload, PetitionPublished.class));
                        case "PetitionWithdrawn" -> p.facts = PetitionFacts.apply(p.facts, payloads.treeToValue(payload, PetitionWithdrawn.class));
                        case "PetitionPlacedOnCouncilAgenda" -> {
                            PetitionPlacedOnCouncilAgenda e = payloads.treeToValue(payload, PetitionPlacedOnCouncilAgenda.class);
                            p.facts = PetitionFacts.apply(p.facts, e);
                            p.decision = new Decision("PetitionPlacedOnCouncilAgenda", e.validSignatures(), e.decidedAt());
                        }
                        case "PetitionDeclined" -> {
                            PetitionDeclined e = payloads.treeToValue(payload, PetitionDeclined.class);
                            p.facts = PetitionFacts.apply(p.facts, e);
                            p.decision = new Decision("PetitionDeclined", e.validSignatures(), e.decidedAt());
                        }
                        case "PetitionSigned" -> p.signatures.add(new SignerEvent(o.path("aggregateId").asText(),
                                o.path("sequenceNumber").asLong(), payloads.treeToValue(payload, PetitionSigned.class)));
                        case "PetitionSignatureWithdrawn" -> p.signatures.add(new SignerEvent(o.path("aggregateId").asText(),
                                o.path("sequenceNumber").asLong(), payloads.treeToValue(payload, PetitionSignatureWithdrawn.class)));
                        default -> {
                        }
                    }
                } catch (IOException | IllegalArgumentException e) {
                    throw new IOException("leaf " + leaf + ": cannot read the " + type + " payload: " + e.getMessage(), e);
                }
            }
            leaf++;
        }
        boolean ok = true;
        int decided = 0;
        for (Map.Entry<String, Petition> entry : petitions.entrySet()) {
            Petition p = entry.getValue();
            if (p.decision == null) {
                continue;
            }
            decided++;
            p.signatures.sort(Comparator.comparing(SignerEvent::aggregateId).thenComparingLong(SignerEvent::sequenceNumber));
            SignatureRecount recount = new SignatureRecount(p.facts.window(), p.decision.decidedAt());
            for (SignerEvent s : p.signatures) {
                recount.accept(s.aggregateId(), s.event());
            }
            SignatureRecount.Result r = recount.finish();
            boolean same = r.validSignatures() == p.decision.validSignatures();
            ok &= same;
            out.println((same ? "OK   " : "DIFF ") + "petition " + entry.getKey() + ": " + p.decision.event() + " recorded "
                    + p.decision.validSignatures() + " valid signatures, recount gives " + r.validSignatures()
                    + " (withdrawn " + r.withdrawn() + ", outside window " + r.outsideWindow() + ", not resident "
                    + r.notResident() + ", duplicate " + r.duplicate() + ")");
        }
        out.println((ok ? "OK: " : "FAIL: ") + decided + " decided petitions recounted"
                + (ok ? "" : ", some recorded counts differ") + "; budget campaigns are not recounted by this version");
        return ok;
    }
}
