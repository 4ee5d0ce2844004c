import type { FastifyInstance } from 'fastify';
import { currentSession, requireUser } from '../../platform/http/guards';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { accountHistory, HISTORY_LIMIT } from './account-history';
import { parisToday } from './dates';
import { profileFormValues } from './form-values';
import { loadProfile } from './load-profile';
import { saveProfile } from './save-profile';
import { parseProfileForm } from './schemas';
import { HistoryPage } from './views/history-page';
import { ProfilePage, type SaveOutcome } from './views/profile-page';

/** The result of a save, carried by the redirect so that a reload never posts twice. */
const outcomeParam: Record<string, SaveOutcome> = { enregistre: 'saved', inchange: 'unchanged' };

/** Identity as in the passport, and the dated history of the account. */
export async function profileRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.addHook('preHandler', requireUser);

  app.get<{ Querystring: { resultat?: string } }>('/compte/profil', async (req, reply) => {
    const session = currentSession(req);
    const { profile, updatedAt } = await loadProfile(services.db, session.user.id);
    const { resultat } = req.query;
    const outcome = typeof resultat === 'string' && Object.hasOwn(outcomeParam, resultat) ? outcomeParam[resultat] : undefined;
    return reply.page(<ProfilePage profile={profile} updatedAt={updatedAt} values={profileFormValues(profile)} outcome={outcome} />);
  });

  app.post('/compte/profil', async (req, reply) => {
    const session = currentSession(req);
    const form = parseProfileForm(req.body, parisToday(services.clock.now()));
    if (!form.ok) {
      const { profile, updatedAt } = await loadProfile(services.db, session.user.id);
      return reply.page(<ProfilePage profile={profile} updatedAt={updatedAt} values={form.values} errors={form.errors} />, 400);
    }
    const changed = await saveProfile(services, { userId: session.user.id, profile: form.data }, requestMeta(req));
    return reply.seeOther(`/compte/profil?resultat=${changed.length > 0 ? 'enregistre' : 'inchange'}`);
  });

  app.get('/compte/historique', async (req, reply) => {
    const session = currentSession(req);
    const entries = await accountHistory(services, session.user.id);
    return reply.page(<HistoryPage entries={entries} truncated={entries.length >= HISTORY_LIMIT} />);
  });
}
