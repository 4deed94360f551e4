package org.ogi.format;

/** Placeholder until the format lands. */
final class Placeholder {
}
