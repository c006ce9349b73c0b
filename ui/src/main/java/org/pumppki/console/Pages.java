package org.pumppki.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import org.pumppki.ca.service.audit.AuditVerification;
import org.pumppki.ca.service.device.EnrollmentCodes;
import org.pumppki.ca.service.revocation.RevocationStatus;
import org.pumppki.ca.service.device.FleetOverview;
import org.pumppki.ca.service.flag.FlagSummary;
import org.pumppki.ca.service.flag.RenewalWorkList;
import org.pumppki.ca.service.scheduler.JobStatus;
import org.pumppki.ca.store.AuditEvent;
import org.pumppki.ca.store.Device;
import org.pumppki.ca.store.Page;
import org.pumppki.ca.store.UserAccount;

/** The console's pages, checked against these parameters when the application is built. */
@CheckedTemplate(basePath = "console")
final class Pages {

    private Pages() {
    }

    static native TemplateInstance login(boolean failed, boolean expired, boolean signedOut);

    static native TemplateInstance problem(String title, String message, String back);

    static native TemplateInstance dashboard(FleetOverview.Counts counts, List<DashboardPage.OpenFlags> openFlags,
            ExpiryChart chart, List<AuditEvent> recent);

    static native TemplateInstance devices(DeviceListView list);

    static native TemplateInstance device(Device device, String health, List<CertificateRow> certificates,
            List<AuditEvent> history, List<String> algorithms, List<String> reasons);

    static native TemplateInstance register(RegistrationForm form, String error);

    static native TemplateInstance enrollmentCode(Device device, EnrollmentCodes.NewCode code);

    static native TemplateInstance decommission(Device device, List<CertificateRow> toRevoke);

    static native TemplateInstance importForm(String error);

    static native TemplateInstance importJob(ImportJobs.Job job);

    static native TemplateInstance importJob$progress(ImportJobs.Job job);

    static native TemplateInstance audit(AuditListView list, AuditVerification.Report verification);

    static native TemplateInstance authorities(List<RevocationStatus.Authority> authorities, List<String> algorithms);

    static native TemplateInstance users(List<UserAccount> users, String error, String message);

    static native TemplateInstance password(String error, boolean changed);

    static native TemplateInstance flags(Page<FlagSummary> flags, FlagsPage.Filter filter, String error, String message);

    static native TemplateInstance workList(List<RenewalWorkList.Item> items);

    static native TemplateInstance scheduler(List<JobStatus> jobs, String error, String message);
}
