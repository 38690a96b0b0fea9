package io.auditlog.local.testing.template.good.rest;

import io.auditlog.local.testing.template.good.api.ThingView;
import io.auditlog.local.testing.template.good.service.ThingService;
import io.smallrye.mutiny.Uni;

public class ThingResource {

    private final ThingService service;

    ThingResource(ThingService service) {
        this.service = service;
    }

    public Uni<ThingView> get(long id) {
        return service.find(id).map(ThingView::of);
    }
}
