package dev.sinkwatch.collector.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where to look next.
 *
 * @param code      {@code file:line} of the call site: the repository path from the attribution when known, else the
 *                  file name the class file gives ({@code OrderRepository.java:42})
 * @param codeUrl   the same line in a source browser, from {@link AlertSettings#codeUrlTemplate()}; null when not set
 * @param alert     this alert in the collector's API: {@code {publicUrl}/api/alerts/{id}}
 * @param dashboard the dashboard for the alert's service, from {@link AlertSettings#dashboardUrl()}; null when not set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertLinks(String code, String codeUrl, String alert, String dashboard) {
}
