import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DAY, type OffsetClock } from '../../platform/clock';
import { parseForm } from '../../platform/http/forms';
import type { Services } from '../../services';
import { Layout } from '../../web/layout';
import { PostForm, TextField, type FieldErrors } from '../../web/components/forms';
import { usePage } from '../../web/page-context';
import { formatDateTime } from '../applications/views/labels';

const moveForm = z.object({ days: z.coerce.number().int().min(1).max(400) });

/**
 * `/dev/horloge` (`DEV_CLOCK=true`, never in production): moves the server's clock forward by
 * whole days, or back to the real time, and runs the daily jobs at once — what a deadline
 * passing overnight would do. For browser journeys and demos.
 */
export async function devClockRoutes(app: FastifyInstance, { services, clock }: { services: Services; clock: OffsetClock }) {
  app.get('/dev/horloge', async (_req, reply) => reply.page(<ClockPage now={clock.now()} offsetDays={clock.offset / DAY} />));
  app.post('/dev/horloge', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.reset === 'yes') clock.reset();
    else {
      const form = parseForm(moveForm, body);
      if (!form.ok) return reply.page(<ClockPage now={clock.now()} offsetDays={clock.offset / DAY} errors={form.errors} />, 400);
      clock.advance(form.data.days * DAY);
    }
    await services.jobs.runSchedulesNow();
    return reply.seeOther('/dev/horloge');
  });
}

function ClockPage(props: { now: Date; offsetDays: number; errors?: FieldErrors }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t('dev.clock_title')} hasErrors={!!props.errors}>
      <h1>{t('dev.clock_title')}</h1>
      <p>{t('dev.clock_lead')}</p>
      <p id="server-time">{t('dev.clock_now', { when: formatDateTime(props.now, locale), days: Math.round(props.offsetDays) })}</p>
      <PostForm action="/dev/horloge">
        <TextField name="days" label={t('dev.clock_days')} inputMode="numeric" errors={props.errors} />
        <button type="submit" class="fr-btn">
          {t('dev.clock_move')}
        </button>
      </PostForm>
      <PostForm action="/dev/horloge">
        <input type="hidden" name="reset" value="yes" />
        <button type="submit" class="fr-btn fr-btn--secondary fr-mt-2w">
          {t('dev.clock_reset')}
        </button>
      </PostForm>
    </Layout>
  );
}
