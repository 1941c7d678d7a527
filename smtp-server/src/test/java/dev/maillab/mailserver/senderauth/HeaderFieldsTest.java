package dev.maillab.mailserver.senderauth;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header block as fields, the From domain, the removal of forged results, the key files. */
class HeaderFieldsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(ISO_8859_1);
    }

    @Test
    void onlyResultsClaimingThisHostAreRemovedFoldedOnesWhole() {
        String message = "Authentication-Results: (forged) MAIL.example.test;\r\n\tspf=pass\r\n"
                + "Authentication-Results: mail.example.test.evil; dkim=pass\r\n"
                + "Authentication-Results: other.example; spf=pass\r\n"
                + "Subject: x\r\n\r\nAuthentication-Results: mail.example.test; in the body\r\n";
        String kept = new String(
                HeaderFields.without(bytes(message), f -> AuthenticationResults.claims(f, "mail.example.test")),
                ISO_8859_1);
        assertThat(kept)
                .isEqualTo("Authentication-Results: mail.example.test.evil; dkim=pass\r\n"
                        + "Authentication-Results: other.example; spf=pass\r\n"
                        + "Subject: x\r\n\r\nAuthentication-Results: mail.example.test; in the body\r\n");
    }

    @Test
    void aMessageWithoutSuchFieldsIsTheSameArray() {
        byte[] message = bytes("Subject: x\r\n\r\nbody\r\n");
        assertThat(HeaderFields.without(message, f -> AuthenticationResults.claims(f, "mail.example.test")))
                .isSameAs(message);
    }

    @Test
    void theFromDomainIsThatOfExactlyOneAddress() {
        assertThat(HeaderFields.of(bytes("From: \"A, B\" <Alice@Example.LOCAL>\r\n\r\n"))
                        .fromDomain())
                .isEqualTo("example.local");
        assertThat(HeaderFields.of(bytes("From: a@example.local,\r\n b@example.test\r\n\r\n"))
                        .fromDomain())
                .isNull();
        assertThat(HeaderFields.of(bytes("From: a@example.local\r\nFrom: b@example.test\r\n\r\n"))
                        .fromDomain())
                .isNull();
        assertThat(HeaderFields.of(bytes("Subject: no from\r\n\r\n")).fromDomain())
                .isNull();
    }

    @Test
    void theOrganizationalDomainIsTheLastTwoLabels() {
        assertThat(List.of("example.local", "mail.Example.Local.", "a.b.example.test", "localhost"))
                .map(DmarcCheck::organizational)
                .containsExactly("example.local", "example.local", "example.test", "localhost");
    }

    @Test
    void theLabKeysLoadAndAFileThatIsNoKeyFailsLoudly(@TempDir Path dir) throws IOException {
        DkimKeys keys = DkimKeys.load(Path.of("../config/dkim"), "lab", List.of("example.local", "example.test"));
        assertThat(keys.domains()).containsExactly("example.local", "example.test");
        assertThat(DkimKeys.load(Path.of("../config/dkim"), "other", List.of("example.local"))
                        .domains())
                .isEmpty();
        Files.writeString(dir.resolve("example.local.lab.pem"), "not a key\n");
        assertThatThrownBy(() -> DkimKeys.load(dir, "lab", List.of("example.local")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("example.local.lab.pem");
    }
}
