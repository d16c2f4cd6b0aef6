package dev.charrnn.corpus;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/corpora")
@Tag(name = "Corpora", description = "Training texts, stored once and shared by runs")
class CorpusController {
    private final CorpusService corpora;

    CorpusController(CorpusService corpora) {
        this.corpora = corpora;
    }

    @Schema(name = "CorpusRequest")
    record CorpusRequest(
            @NotNull @Schema(description = "The training text (UTF-8)", example = "hello world\n")
            String text) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Store a corpus from JSON",
            description = "Identical texts are stored once; the same id " + "comes back.")
    @ApiResponse(responseCode = "201", description = "Stored (or found)")
    @ApiResponse(responseCode = "400", description = "Empty text or a single distinct character")
    @ApiResponse(responseCode = "413", description = "Larger than charrnn.max-corpus-bytes")
    ResponseEntity<CorpusInfo> create(@Valid @RequestBody CorpusRequest request) {
        return created(corpora.store(request.text()));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Store a corpus from an uploaded UTF-8 file")
    @ApiResponse(responseCode = "201", description = "Stored (or found)")
    @ApiResponse(responseCode = "400", description = "Not UTF-8, empty, or a single distinct character")
    @ApiResponse(responseCode = "413", description = "Larger than charrnn.max-corpus-bytes")
    ResponseEntity<CorpusInfo> upload(@RequestPart("file") MultipartFile file) throws IOException {
        return created(corpora.store(corpora.decodeUtf8(file.getBytes())));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A stored corpus (without its text)")
    @ApiResponse(responseCode = "200", description = "Found")
    @ApiResponse(responseCode = "404", description = "No such corpus")
    CorpusInfo get(@PathVariable long id) {
        return corpora.get(id);
    }

    private static ResponseEntity<CorpusInfo> created(CorpusInfo info) {
        return ResponseEntity.created(URI.create("/api/corpora/" + info.id())).body(info);
    }
}
