package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.store.ExperienceStoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shipping and mirroring against a broker that wants SASL/PLAIN and authorises with ACLs: the client settings of
 * {@code --client-config} log in; a wrong password is an authentication failure and a user without ACLs an
 * authorisation failure, each a storage error that says what to check and never the secret.
 */
class SecuredClusterTest {
    @RegisterExtension
    static final KafkaBroker BROKER = KafkaBroker.secured();

    @TempDir
    Path dir;

    @Test
    void shipAndMirrorLogInWithTheClientSettings() throws Exception {
        final Path ledger = dir.resolve("ledger");
        TestLedgers.append(ledger, 120, 61);
        final Properties admin = KafkaBroker.sasl(KafkaBroker.ADMIN, KafkaBroker.ADMIN_PASSWORD);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(ledger).readOnly().open();
             LedgerShipper shipper = LedgerShipper.builder(store, BROKER.bootstrapServers(), "secured")
                     .clientConfig(admin).timeout(Duration.ofSeconds(20)).build()) {
            assertEquals(120, shipper.shipAvailable());
        }
        assertEquals(120, BROKER.readCommitted("secured").size());
        try (ChronicleExperienceStore central = ChronicleExperienceStore.open(dir.resolve("central"));
             LedgerMirror mirror = LedgerMirror.builder(central, BROKER.bootstrapServers(), List.of("secured"))
                     .clientConfig(admin).timeout(Duration.ofSeconds(20)).build()) {
            assertEquals(120, mirror.mirrorAvailable());
            MirrorTest.assertMirrorsExactly(central, List.of(ledger));
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailure() throws Exception {
        final Path ledger = dir.resolve("ledger");
        TestLedgers.append(ledger, 5, 62);
        final Properties wrong = KafkaBroker.sasl(KafkaBroker.USER, "not-the-password");
        final String ship = shipFailure(ledger, "secured-auth", wrong);
        assertTrue(ship.startsWith("authentication failed: "), ship);
        assertTrue(ship.endsWith("(check the security settings of --client-config)"), ship);
        BROKER.createTopic("secured-auth", 1);
        final String mirror = mirrorFailure("secured-auth", wrong);
        assertTrue(mirror.startsWith("authentication failed: "), mirror);
        for (String message : List.of(ship, mirror)) {
            assertFalse(message.contains("not-the-password"), message);
        }
    }

    @Test
    void aUserWithoutAclsIsRefusedWithWhatItNeeds() throws Exception {
        final Path ledger = dir.resolve("ledger");
        TestLedgers.append(ledger, 5, 63);
        BROKER.createTopic("secured-acl", 1);
        final Properties user = KafkaBroker.sasl(KafkaBroker.USER, KafkaBroker.USER_PASSWORD);
        final String ship = shipFailure(ledger, "secured-acl", user);
        assertTrue(ship.startsWith("not authorised"), ship);
        final String mirror = mirrorFailure("secured-acl", user);
        assertTrue(mirror.startsWith("not authorised: "), mirror);
        assertTrue(mirror.endsWith("(the mirror reads secured-acl: grant READ and DESCRIBE on them)"), mirror);
        for (String message : List.of(ship, mirror)) {
            assertFalse(message.contains(KafkaBroker.USER_PASSWORD), message);
        }
    }

    private static String shipFailure(Path ledger, String topic, Properties client) {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(ledger).readOnly().open();
             LedgerShipper shipper = LedgerShipper.builder(store, BROKER.bootstrapServers(), topic)
                     .clientConfig(client).timeout(Duration.ofSeconds(10)).build()) {
            final ExperienceStoreException e = assertThrows(ExperienceStoreException.class, shipper::shipAvailable);
            assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, e.kind());
            return e.detail();
        }
    }

    private String mirrorFailure(String topic, Properties client) {
        try (ChronicleExperienceStore central = ChronicleExperienceStore.open(dir.resolve("central-" + topic));
             LedgerMirror mirror = LedgerMirror.builder(central, BROKER.bootstrapServers(), List.of(topic))
                     .clientConfig(client).timeout(Duration.ofSeconds(10)).build()) {
            final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                    mirror::mirrorAvailable);
            assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, e.kind());
            assertEquals(0, central.stats().entries());
            return e.detail();
        }
    }
}
