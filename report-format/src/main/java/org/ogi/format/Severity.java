package org.ogi.format;

/** ERROR findings (R1–R5, FORMAT, refusing quality checks) block a filing; WARNING findings (R6–R8, quality) are stored with it. */
public enum Severity {
    ERROR, WARNING
}
