package org.ogi.format;

/**
 * One flat cell of a format: its stable dotted key, its type and the Chinese label people see
 * (section, row and column from the national table, e.g. 「第三部分·一、本年新收政府信息公开申请数量·自然人」).
 */
public record CellDef(String key, CellType type, String label) {
}
