package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDecoderTest {

    @Test
    void byte_order_mark_is_dropped_without_a_warning() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '#', ' ', 'T'};
        TextDecoder.Decoded d = TextDecoder.decode(bytes);
        assertThat(d.text()).isEqualTo("# T");
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void invalid_utf8_is_replaced_and_reported() {
        byte[] bytes = {'G', 'r', (byte) 0xFC, (byte) 0xDF, 'e'};
        TextDecoder.Decoded d = TextDecoder.decode(bytes);
        assertThat(d.binary()).isFalse();
        assertThat(d.text()).startsWith("Gr").endsWith("e").contains("\uFFFD");
        assertThat(d.warnings()).singleElement().asString().contains("not valid UTF-8");
    }

    @Test
    void a_few_nul_characters_are_removed_and_reported() {
        String text = "# Title\n\n" + "word ".repeat(50) + "\0end";
        TextDecoder.Decoded d = TextDecoder.decode(text.getBytes(StandardCharsets.UTF_8));
        assertThat(d.text()).doesNotContain("\0").endsWith("end");
        assertThat(d.warnings()).singleElement().asString().contains("NUL");
    }

    @Test
    void mostly_control_bytes_are_binary() {
        byte[] bytes = new byte[100];
        bytes[0] = 'P';
        assertThat(TextDecoder.decode(bytes).binary()).isTrue();
    }

    @Test
    void truncation_never_splits_a_character() {
        byte[] bytes = "aü".getBytes(StandardCharsets.UTF_8); // a, then ü as two bytes
        assertThat(TextDecoder.truncate(bytes, 2)).containsExactly('a');
        assertThat(TextDecoder.truncate(bytes, 3)).isEqualTo(bytes);
    }
}
