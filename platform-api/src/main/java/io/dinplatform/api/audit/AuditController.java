package io.dinplatform.api.audit;

import java.time.Instant;
import java.util.List;

import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.registry.audit.AuditEntry;
import io.dinplatform.registry.audit.AuditQuery;
import io.dinplatform.registry.audit.AuditRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log (admin scope): who changed what, when, and how it ended, newest first. */
@RestController
@Tag(name = "Audit", description = "The changes made to the platform, with who made them and how they ended")
public class AuditController {

    private final AuditRepository entries;

    AuditController(AuditRepository entries) {
        this.entries = entries;
    }

    @GetMapping("/api/v1/audit")
    @Operation(operationId = "listAuditEntries",
            summary = "The recorded changes, newest first, filtered by who made them, the resource and the time; "
                    + "the next page with before=nextBefore")
    public AuditPage list(
            @Parameter(description = "Only this principal's changes, e.g. token:0123456789ab")
            @RequestParam(required = false) String subject,
            @Parameter(description = "Only changes to this kind of resource, e.g. dataset, model, training-run")
            @RequestParam(required = false) String resourceType,
            @Parameter(description = "Only changes to the resource with this name or id")
            @RequestParam(required = false) String resource,
            @Parameter(description = "Only changes recorded at or after this instant (ISO 8601)")
            @RequestParam(required = false) Instant from,
            @Parameter(description = "Only changes recorded before this instant (ISO 8601)")
            @RequestParam(required = false) Instant to,
            @Parameter(description = "Only changes older than the entry with this id (the previous page's nextBefore)")
            @RequestParam(required = false) @Min(1) Long before,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw InvalidRequestException.invalidField("to", "must be after from (" + from + "), got " + to);
        }
        List<AuditEntry> page = entries.find(new AuditQuery(blankAsNull(subject), blankAsNull(resourceType),
                blankAsNull(resource), from, to, before, limit));
        Long nextBefore = page.size() < limit ? null : page.get(page.size() - 1).id();
        return new AuditPage(page.stream().map(AuditEntryView::of).toList(), nextBefore);
    }

    /** An empty filter field (as a form sends it) filters nothing. */
    private static String blankAsNull(String filter) {
        return filter == null || filter.isBlank() ? null : filter;
    }
}
