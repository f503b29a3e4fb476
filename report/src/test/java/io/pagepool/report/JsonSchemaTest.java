/*
 * Copyright 2026 The pagepool Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.pagepool.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON output holds exactly the fields report.schema.json documents, with their types. */
class JsonSchemaTest {

    static Map<String, Object> schema() throws IOException {
        try (InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            assertNotNull(in, JsonReport.SCHEMA_RESOURCE + " is on the class path");
            return MiniJson.obj(MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    @Test
    void oneFileValidatesAgainstTheSchema() throws IOException {
        Object doc = Reports.json(ReportWorkload.get().first.toString());
        assertEquals(List.of(), MiniSchema.validate(schema(), doc));
    }

    @Test
    void severalFilesWithTheCombinedViewValidate() throws IOException {
        ReportWorkload w = ReportWorkload.get();
        Object doc = Reports.json(w.first.toString(), w.second.toString());
        assertNotNull(MiniJson.obj(doc).get("combined"));
        assertEquals(List.of(), MiniSchema.validate(schema(), doc));
    }

    @Test
    void sizeClassGroupsEvidenceGcPausesAndTheNewSeriesValidate() throws IOException {
        TruthWorkload w = TruthWorkload.get();
        for (String bar : List.of("--min-span=0", "--min-span=60")) { // sizes recommended, then not
            Object doc = Reports.json(bar, w.file.toString());
            Map<String, Object> section = MiniJson.obj(MiniJson.list(doc, "recordings").getFirst());
            assertEquals(1, MiniJson.list(section, "sizeClassGroups").size(), bar);
            assertEquals(List.of(), MiniSchema.validate(schema(), doc), bar);
        }
        Map<String, Object> schema = schema();
        Map<String, Object> doc = MiniJson.obj(Reports.json(w.file.toString()));
        Map<String, Object> group = MiniJson.obj(MiniJson.list(MiniJson.list(doc, "recordings").getFirst(),
                "sizeClassGroups").getFirst());
        group.put("budget", 1.0);
        assertTrue(MiniSchema.validate(schema, doc).stream().anyMatch(e -> e.contains("budget")),
                "the group's fields are documented, no others");
    }

    @Test
    void theValidatorRejectsUndocumentedMissingAndMistypedFields() throws IOException {
        Map<String, Object> schema = schema();
        Map<String, Object> doc = MiniJson.obj(Reports.json(ReportWorkload.get().first.toString()));
        Map<String, Object> pool =
                MiniJson.obj(MiniJson.list(MiniJson.list(doc, "recordings").getFirst(), "pools").getFirst());

        pool.put("undocumented", 1.0);
        assertTrue(MiniSchema.validate(schema, doc).stream().anyMatch(e -> e.contains("undocumented")));
        pool.remove("undocumented");

        Object rate = pool.remove("fastPathRatio");
        assertTrue(MiniSchema.validate(schema, doc).stream()
                .anyMatch(e -> e.contains("missing required field fastPathRatio")));
        pool.put("fastPathRatio", "97 %");
        assertTrue(MiniSchema.validate(schema, doc).stream()
                .anyMatch(e -> e.contains("fastPathRatio: expected number")));
        pool.put("fastPathRatio", rate);
        assertEquals(List.of(), MiniSchema.validate(schema, doc));
    }
}
