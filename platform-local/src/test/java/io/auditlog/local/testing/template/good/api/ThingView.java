package io.auditlog.local.testing.template.good.api;

import io.auditlog.local.testing.template.good.domain.Thing;

public record ThingView(long id, String name) {

    public static ThingView of(Thing thing) {
        return new ThingView(thing.id(), thing.name());
    }
}
