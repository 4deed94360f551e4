package org.ogi.submission.service;

/**
 * An agency as PUT or imported (one CSV line). Kind and dates arrive as text so that a bad value is reported in the
 * problem's error list with its field, instead of failing JSON binding.
 */
public record AgencyRequest(String name, String regionCode, String kind, String contactEmail, String webhookUrl,
        String supervisorCode, String validFrom, String validTo) {
}
