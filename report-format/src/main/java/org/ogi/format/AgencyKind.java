package org.ogi.format;

/** Decides the deadline (Regulation Art. 49): departments file by 31 Jan, governments publish by 31 Mar. */
public enum AgencyKind {
    /** A department of a government at county level or above. */
    DEPARTMENT,
    /** A local government at county level or above (its report is published by its supervising office). */
    GOVERNMENT,
    /** A township or street office; the deadline is set locally. */
    TOWNSHIP
}
