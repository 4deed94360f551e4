package org.ogi.submission.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import org.ogi.format.AgencyKind;

/** A filing agency, keyed by its unified social credit code. `supervisorCode` holds only an explicit override. */
@Entity
@Table(name = "agency")
public class Agency extends PanacheEntityBase {

    @Id
    public String code;
    public String name;
    @Column(name = "region_code")
    public String regionCode;
    @Enumerated(EnumType.STRING)
    public AgencyKind kind;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "webhook_url")
    public String webhookUrl;
    @Column(name = "supervisor_code")
    public String supervisorCode;
    @Column(name = "valid_from")
    public LocalDate validFrom;
    @Column(name = "valid_to")
    public LocalDate validTo;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Whether the agency existed at some point of the report year (an agency created or retired mid-year still files). */
    public boolean activeDuring(int year) {
        return (validFrom == null || validFrom.getYear() <= year) && (validTo == null || validTo.getYear() >= year);
    }
}
