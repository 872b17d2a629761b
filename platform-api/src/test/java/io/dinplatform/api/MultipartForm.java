package io.dinplatform.api;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** A multipart/form-data body for the test client: plain fields, JSON parts and files. */
public final class MultipartForm {

    private final MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();

    public MultipartForm field(String name, String value) {
        parts.add(name, value);
        return this;
    }

    public MultipartForm json(String name, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        parts.add(name, new HttpEntity<>(json, headers));
        return this;
    }

    public MultipartForm file(String name, byte[] content, String filename) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        parts.add(name, new HttpEntity<>(new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return filename;
            }
        }, headers));
        return this;
    }

    public MultiValueMap<String, Object> parts() {
        return parts;
    }
}
