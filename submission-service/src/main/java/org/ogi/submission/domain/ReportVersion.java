package org.ogi.submission.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One filed version, kept forever: the canonical body, its hash (for idempotent re-sends) and its stored warnings. */
@Entity
@Table(name = "report_version")
public class ReportVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "report_id")
    public Long reportId;
    public int version;
    public String format;
    public String body;
    @Column(name = "body_hash")
    public String bodyHash;
    public String findings;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "filed_by")
    public String filedBy;

    public static Optional<ReportVersion> of(long reportId, int version) {
        return find("reportId = ?1 and version = ?2", reportId, version).firstResultOptional();
    }

    public static List<ReportVersion> allOf(long reportId) {
        return list("reportId = ?1 order by version", reportId);
    }
}
