package org.ogi.format;

/** Life cycle of a filed report: RETURNED reopens it for amendment, ACCEPTED locks it. */
public enum ReportStatus {
    SUBMITTED, ACCEPTED, RETURNED, WITHDRAWN
}
