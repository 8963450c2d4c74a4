package org.noduletrack.samples.truth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@code ground-truth.json}. */
public final class GroundTruthJson {
    private final ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public String write(GroundTruth truth) {
        try {
            return mapper.writeValueAsString(truth);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ground truth records always serialise", e);
        }
    }

    public GroundTruth read(Path file) throws IOException {
        return mapper.readValue(Files.readString(file), GroundTruth.class);
    }
}
