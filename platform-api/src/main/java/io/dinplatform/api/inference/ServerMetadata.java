package io.dinplatform.api.inference;

import java.util.List;

/** The server's name, version and the protocol extensions it supports (none). */
public record ServerMetadata(String name, String version, List<String> extensions) {
}
