package org.ogi.submission.service;

import java.util.List;
import org.ogi.format.Finding;

/** The answer of a dry run: what a PUT of the same body would reject (errors) or store as warnings. */
public record ValidationResult(boolean valid, List<Finding> errors, List<Finding> warnings) {
}
