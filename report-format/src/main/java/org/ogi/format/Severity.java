package org.ogi.format;

/** ERROR findings (R1–R5, FORMAT) block a filing; WARNING findings (R6–R8) are stored with it. */
public enum Severity {
    ERROR, WARNING
}
