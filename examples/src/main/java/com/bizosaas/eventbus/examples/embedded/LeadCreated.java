package com.bizosaas.eventbus.examples.embedded;

/** The data of a {@code lead.created} event, as the CRM publishes it and listeners receive it. */
public record LeadCreated(String leadId, String email, int score) {
}
