package dev.interleave.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A client's JSON line is read strictly: malformed output fails the client's test, never passes it. */
class ClientLineTest {

    @Test
    void readsOneObjectWithNestedValuesAndNulls() {
        ClientLine line = ClientLine.parse("{\"client\":\"c\",\"runId\":\"00000000000000ff\",\"threads\":4,"
                + "\"seconds\":0.5,\"lock\":true,\"sendCalls\":null,\"perThread\":[{\"packets\":3}],"
                + "\"verdicts\":{\"intact\":3}}\n");
        assertThat(line.text("client")).isEqualTo("c");
        assertThat(line.runId()).isEqualTo(255);
        assertThat(line.number("threads")).isEqualTo(4);
        assertThat(((Number) line.get("seconds")).doubleValue()).isEqualTo(0.5);
        assertThat(line.flag("lock")).isTrue();
        assertThat(ClientLine.countOrUnmeasured(line.get("sendCalls"))).isEqualTo(-1);
        assertThat(line.perThread().getFirst().get("packets")).isEqualTo(3);
        assertThat(line.object("verdicts")).containsEntry("intact", 3);
    }

    @Test
    void malformedOutputIsAnError() {
        assertThatThrownBy(() -> ClientLine.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ClientLine.parse("{\"a\":1} {\"b\":2}")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ClientLine.parse("{\"a\":1,}")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ClientLine.parse("[1,2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> ClientLine.parse("{\"a\":1}\n{\"b\":2}")).hasMessageContaining("exactly one line");
        assertThatThrownBy(() -> ClientLine.parse("")).hasMessageContaining("exactly one line");
        assertThatThrownBy(() -> ClientLine.parse("{\"a\":1}").get("b")).hasMessageContaining("no \"b\"");
    }
}
