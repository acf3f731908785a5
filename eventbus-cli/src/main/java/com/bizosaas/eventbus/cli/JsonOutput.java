package com.bizosaas.eventbus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Writes answers as compact JSON, one document per line, to the command's standard output. Stateless. */
final class JsonOutput {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private JsonOutput() {
    }

    static void print(CommandLine.Model.CommandSpec spec, Object value) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(value instanceof String json ? json : MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }

    /** Parses {@code json} given for {@code option}; bad JSON is a usage error. */
    static JsonNode parse(CommandLine.Model.CommandSpec spec, String option, String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
