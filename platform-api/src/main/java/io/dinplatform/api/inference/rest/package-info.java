/**
 * The Open Inference Protocol's REST binding under {@code /v2}: JSON tensors in and out, errors as the protocol's
 * {@code {"error": "..."}}.
 */
package io.dinplatform.api.inference.rest;
