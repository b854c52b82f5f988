package io.logos.delivery.app.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logos.delivery.app.rest.json.FilterUnsubscribeAllRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestRequestTest {

    @Test
    void queryParametersArePercentDecodedAndTheFirstOfARepeatedNameWins() {
        RestRequest request = new RestRequest(Map.of(),
                "pubsubTopic=%2Fwaku%2F2%2Frs%2F0%2F0&contentTopics=%2Fa%2F1%2Fb%2Fc,%2Fa%2F1%2Fd%2Fe&includeData&pageSize=5&pageSize=9",
                new byte[0]);
        assertEquals(Optional.of("/waku/2/rs/0/0"), request.queryParameter("pubsubTopic"));
        assertEquals(Optional.of("/a/1/b/c,/a/1/d/e"), request.queryParameter("contentTopics"));
        assertEquals(Optional.of(""), request.queryParameter("includeData"));
        assertEquals(Optional.of("5"), request.queryParameter("pageSize"));
        assertEquals(Optional.empty(), request.queryParameter("cursor"));
        assertEquals(Optional.empty(), new RestRequest(Map.of(), null, new byte[0]).queryParameter("cursor"));
        assertEquals(400, assertThrows(RestException.class, () -> new RestRequest(Map.of(), "a=%zz", new byte[0]))
                .status());
    }

    @Test
    void aBodyIsReadAsJsonOrRefusedNamingWhy() {
        RestRequest list = new RestRequest(Map.of(), null, "[\"a\", \"b\"]".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("a", "b"), list.stringList());

        RestRequest repeated = new RestRequest(Map.of(), null,
                "{\"requestId\": \"1\", \"requestId\": \"2\"}".getBytes(StandardCharsets.UTF_8));
        MalformedBodyException error = assertThrows(MalformedBodyException.class,
                () -> repeated.json(FilterUnsubscribeAllRequest.class));
        assertEquals("Duplicate field 'requestId'", error.reason());

        RestRequest nulls = new RestRequest(Map.of(), null, "[\"a\", null]".getBytes(StandardCharsets.UTF_8));
        assertEquals("the list holds a null", assertThrows(MalformedBodyException.class, nulls::stringList).reason());
    }
}
