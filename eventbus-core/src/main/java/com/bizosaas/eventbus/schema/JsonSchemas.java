package com.bizosaas.eventbus.schema;

import com.bizosaas.eventbus.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.List;

/**
 * Compiles JSON Schemas with networknt's validator (draft 2020-12 unless a schema names its own
 * {@code $schema}), checking them against their meta-schema first. Remote {@code $ref}s are never
 * fetched: a registered schema must not make the server call out. Thread-safe.
 */
final class JsonSchemas {
    private static final com.networknt.schema.SchemaRegistry FACTORY = com.networknt.schema.SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    private static final Schema META_SCHEMA = FACTORY.getSchema(
            SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

    private JsonSchemas() {
    }

    /** Refuses (400, field {@code schema}) what is not a usable JSON Schema. */
    static Schema compileChecked(JsonNode schema) {
        List<Error> problems = META_SCHEMA.validate(schema);
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid_schema", "schema is not a valid JSON Schema (draft 2020-12): "
                    + describe(problems.get(0), "schema"), "schema");
        }
        try {
            return compile(schema);
        } catch (SchemaException | IllegalArgumentException e) {
            throw new ValidationException("invalid_schema", "schema could not be compiled: " + e.getMessage(),
                    "schema");
        }
    }

    static Schema compile(JsonNode schema) {
        Schema compiled = FACTORY.getSchema(schema);
        compiled.initializeValidators();
        return compiled;
    }

    /** The error's place as the client names it ({@code data.amount}, {@code data.items[2]}) and its message. */
    static String path(Error error, String root) {
        NodePath location = error.getInstanceLocation();
        StringBuilder path = new StringBuilder(root);
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append('.').append(element);
            }
        }
        return path.toString();
    }

    static String describe(Error error, String root) {
        return path(error, root) + ": " + error.getMessage();
    }
}
