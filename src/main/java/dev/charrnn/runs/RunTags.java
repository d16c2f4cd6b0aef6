package dev.charrnn.runs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** A run's tags, in the order given; a table of their own so that a tag filter is an index lookup. */
@Component
class RunTags {
    private final NamedParameterJdbcTemplate jdbc;

    RunTags(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<String> of(long runId) {
        return jdbc.queryForList(
                "select tag from run_tag where run_id = :id order by position", Map.of("id", runId), String.class);
    }

    /** The tags of each run (one query for a page); runs without tags are absent. */
    Map<Long, List<String>> of(Collection<Long> runIds) {
        Map<Long, List<String>> tags = new HashMap<>();
        if (runIds.isEmpty()) {
            return tags;
        }
        jdbc.query(
                "select run_id, tag from run_tag where run_id in (:ids) order by run_id, position",
                Map.of("ids", runIds),
                row -> {
                    tags.computeIfAbsent(row.getLong(1), k -> new ArrayList<>()).add(row.getString(2));
                });
        return tags;
    }

    void replace(long runId, List<String> tags) {
        jdbc.update("delete from run_tag where run_id = :id", Map.of("id", runId));
        for (int i = 0; i < tags.size(); i++) {
            jdbc.update(
                    "insert into run_tag (run_id, position, tag) values (:id, :position, :tag)",
                    new MapSqlParameterSource()
                            .addValue("id", runId)
                            .addValue("position", i)
                            .addValue("tag", tags.get(i)));
        }
    }
}
