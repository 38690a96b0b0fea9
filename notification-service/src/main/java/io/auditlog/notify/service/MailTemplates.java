package io.auditlog.notify.service;

import io.auditlog.notify.domain.MailContent;
import io.auditlog.notify.domain.MailModel;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Renders a notification mail in both forms, from templates/mail/html.html (escaped as HTML) and
 * templates/mail/text.txt; Qute checks both against {@link MailModel} at build time.
 */
public final class MailTemplates {

    @CheckedTemplate(basePath = "mail")
    static class Templates {
        static native TemplateInstance html(MailModel model);

        static native TemplateInstance text(MailModel model);
    }

    private MailTemplates() {
    }

    public static MailContent render(String subject, MailModel model) {
        return new MailContent(subject, Templates.text(model).render(), Templates.html(model).render());
    }
}
