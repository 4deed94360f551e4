package org.ogi.stack;

final class Placeholder {
}
