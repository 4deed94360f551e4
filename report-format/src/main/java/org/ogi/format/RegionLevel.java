package org.ogi.format;

/** Level of a GB/T 2260 code, read from its digit pattern. */
public enum RegionLevel {
    NATION, PROVINCE, PREFECTURE, COUNTY
}
