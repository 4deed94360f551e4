package org.ogi.submission.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.ogi.format.ReportStatus;

/** The current state of one agency's report for one year; `revision` grows at every change and orders its events. */
@Entity
@Table(name = "report")
public class Report extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "agency_code")
    public String agencyCode;
    public int year;
    @Column(name = "region_code")
    public String regionCode;
    @Enumerated(EnumType.STRING)
    public ReportStatus status;
    @Column(name = "current_version")
    public int currentVersion;
    public long revision;
    @Column(name = "first_received_at")
    public Instant firstReceivedAt;
    @Column(name = "on_time")
    public boolean onTime;
    public LocalDate deadline;
    @Column(name = "reviewed_by")
    public String reviewedBy;
    @Column(name = "reviewed_at")
    public Instant reviewedAt;
    @Column(name = "review_comment")
    public String reviewComment;

    public static Optional<Report> of(String agencyCode, int year) {
        return find("agencyCode = ?1 and year = ?2", agencyCode, year).firstResultOptional();
    }

    /** Locks the row so that concurrent filings and reviews of one report are serialised (and so are their events). */
    public static Optional<Report> findForUpdate(String agencyCode, int year) {
        return find("agencyCode = ?1 and year = ?2", agencyCode, year)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
