package org.ogi.submission.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A review decision, kept as history; the report row holds only the latest. */
@Entity
@Table(name = "report_review")
public class ReportReview extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "report_id")
    public Long reportId;
    public int version;
    public String decision;
    public String comment;
    public String reviewer;
    @Column(name = "decided_at")
    public Instant decidedAt;
}
