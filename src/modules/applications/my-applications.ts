import { desc, eq } from 'drizzle-orm';
import { applications } from '../../db/schema';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { findProcedure } from '../procedures/catalogue';
import type { Procedure } from '../procedures/types';
import type { FeeAndPhotoCheck } from './fee-and-photo-check';
import type { Application } from './policy';
import { draftProblems } from './step-validation';
import { stepPath } from './steps';
import type { ApplicationStatus } from './workflow';

/** What the person should do next, in words (a message key) and where (a link, if any). */
export interface NextStep {
  key: string;
  href: string | null;
  /** Link text key. */
  actionKey: string | null;
}

/** The next step of an application: for a draft, the first step that still needs something. */
export async function nextStep(services: Services, check: FeeAndPhotoCheck, app: Application, procedure: Procedure): Promise<NextStep> {
  const status: ApplicationStatus = app.status;
  switch (status) {
    case 'draft': {
      const problems = await draftProblems(services.db, check, app, procedure, parisDate(services.clock.now()));
      const first = problems[0];
      if (first) return { key: 'applications.next.draft_incomplete', href: `${stepPath(app.id, first.step)}?verifier=1`, actionKey: 'applications.next.draft_continue' };
      return { key: 'applications.next.draft_ready', href: `/demarches/${app.id}/verification`, actionKey: 'applications.next.draft_review' };
    }
    case 'incomplete':
      return { key: 'applications.next.incomplete', href: `/demarches/${app.id}/pieces`, actionKey: 'applications.next.add_documents' };
    default:
      return { key: `applications.next.${status}`, href: null, actionKey: null };
  }
}

export interface ApplicationSummary {
  app: Application;
  procedure: Procedure;
  next: NextStep;
}

/** Every application of one person, newest first, with what to do next on each. */
export async function myApplications(services: Services, check: FeeAndPhotoCheck, applicantId: string): Promise<ApplicationSummary[]> {
  const rows = await services.db.select().from(applications).where(eq(applications.applicantId, applicantId)).orderBy(desc(applications.createdAt)).limit(100);
  const summaries: ApplicationSummary[] = [];
  for (const app of rows) {
    const procedure = findProcedure(app.procedureId);
    // Procedure ids are never removed from the catalogue; one missing is a deployment mistake,
    // logged loudly, and must not take the person's whole list down with it.
    if (!procedure) {
      services.logger.error({ applicationId: app.id, procedureId: app.procedureId }, 'application of an unknown procedure');
      continue;
    }
    summaries.push({ app, procedure, next: await nextStep(services, check, app, procedure) });
  }
  return summaries;
}
