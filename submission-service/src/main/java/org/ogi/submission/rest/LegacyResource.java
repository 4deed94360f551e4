package org.ogi.submission.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.ogi.format.narrative.LegacyExtraction;
import org.ogi.format.narrative.LegacyExtractor;
import org.ogi.submission.service.PageDecoder;
import org.ogi.submission.service.RegionNames;
import org.ogi.support.problem.ProblemException;
import org.ogi.support.security.Caller;

/** Reads a free-text (pre-2019) report page and returns what it states, with evidence; nothing is stored. */
@Path("/api/v1/legacy-reports/extraction")
@Produces(MediaType.APPLICATION_JSON)
public class LegacyResource {

    static final int MAX_BYTES = 2 * 1024 * 1024;

    private final RegionNames regions;

    public LegacyResource(RegionNames regions) {
        this.regions = regions;
    }

    @POST
    @Consumes({MediaType.TEXT_PLAIN, MediaType.TEXT_HTML, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Caller.AGENCY, Caller.SUPERVISOR, Caller.ADMIN})
    public LegacyExtraction extract(byte[] page, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        if (page == null || page.length == 0) {
            throw ProblemException.badRequest("请求体为空：请以 text/plain 或 text/html 提交年度报告网页的内容");
        }
        if (page.length > MAX_BYTES) {
            throw new ProblemException(413, "Content Too Large",
                    "网页内容超过" + MAX_BYTES / 1024 / 1024 + "MB，不像是一份年度报告", null);
        }
        return LegacyExtractor.extract(PageDecoder.decode(page, contentType), regions);
    }
}
