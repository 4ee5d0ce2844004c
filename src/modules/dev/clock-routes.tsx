import { TZDate } from '@date-fns/tz';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OffsetClock } from '../../platform/clock';
import { parseForm } from '../../platform/http/forms';
import { daysBetween, parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { DateField } from '../../web/components/date-field';
import { ErrorSummary, PostForm, SubmitButton, type FieldErrors, type FormValues } from '../../web/components/forms';
import { Layout } from '../../web/layout';
import { usePage } from '../../web/page-context';
import { parseDateParts } from '../profile/dates';

/** The three boxes of the new date, read as one calendar date. */
const moveSchema = z
  .object({ 'date-day': z.string().max(4).default(''), 'date-month': z.string().max(4).default(''), 'date-year': z.string().max(6).default('') })
  .transform((v, ctx) => {
    const parsed = parseDateParts({ day: v['date-day'], month: v['date-month'], year: v['date-year'] });
    if (parsed.kind === 'date') return parsed.iso;
    ctx.addIssue({ code: 'custom', path: ['date'], message: parsed.kind === 'empty' ? 'dev.errors.date_required' : 'dev.errors.date_invalid' });
    return z.NEVER;
  });

/**
 * `/dev/horloge`: moves the server's clock to another day, to see what Sésame does then (an
 * APRI on a card's expiry day) without waiting for it. Registered only when `ADJUSTABLE_CLOCK`
 * is true, which the configuration refuses in production. After each move every daily job runs
 * (attestation sweep, reply deadlines, reminders), as the workers' nightly runs would on that day.
 */
export async function devClockRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const clock = services.clock;
  if (!(clock instanceof OffsetClock)) throw new Error('ADJUSTABLE_CLOCK is set but the services were not given an adjustable clock');

  app.get('/dev/horloge', async (_req, reply) => reply.page(<ClockPage now={clock.now()} offsetMs={clock.offsetMs} />));

  app.post('/dev/horloge', async (req, reply) => {
    const form = parseForm(moveSchema, req.body);
    if (!form.ok) return reply.page(<ClockPage now={clock.now()} offsetMs={clock.offsetMs} values={form.values} errors={form.errors} />, 400);
    // Noon in Paris: the day is that date whatever the daylight-saving time, and the clock runs on from there.
    const [y, m, d] = form.data.split('-').map(Number) as [number, number, number];
    clock.moveTo(new Date(new TZDate(y, m - 1, d, 12, 0, 0, 'Europe/Paris').getTime()));
    req.log.warn({ to: form.data }, 'clock moved (ADJUSTABLE_CLOCK)');
    await services.jobs.runSchedulesNow();
    return reply.seeOther('/dev/horloge', 'dev.flash.clock_moved');
  });

  app.post('/dev/horloge/reinitialiser', async (req, reply) => {
    clock.reset();
    req.log.warn('clock back to the real time (ADJUSTABLE_CLOCK)');
    await services.jobs.runSchedulesNow();
    return reply.seeOther('/dev/horloge', 'dev.flash.clock_reset');
  });
}

function ClockPage(props: { now: Date; offsetMs: number; values?: FormValues; errors?: FieldErrors }) {
  const { t, locale } = usePage();
  const errors = props.errors ?? {};
  const moved = props.offsetMs !== 0;
  const today = parisDate(props.now);
  const days = daysBetween(parisDate(new Date(props.now.getTime() - props.offsetMs)), today);
  const shown = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(props.now);
  return (
    <Layout title={t('dev.clock_title')} hasErrors={Object.keys(errors).length > 0}>
      <h1>{t('dev.clock_title')}</h1>
      <p>{t('dev.clock_lead')}</p>
      <p id="server-date">
        {t('dev.clock_now', { date: shown })} {!moved ? t('dev.clock_real') : days === 0 ? t('dev.clock_same_day') : t(days > 0 ? 'dev.clock_ahead' : 'dev.clock_behind', { days: Math.abs(days) })}
      </p>
      <ErrorSummary errors={errors} labels={{ date: t('dev.clock_date_legend') }} />
      <PostForm action="/dev/horloge">
        <DateField name="date" legend={t('dev.clock_date_legend')} hint={t('dev.clock_date_hint')} values={props.values} errors={errors} />
        <SubmitButton label={t('dev.clock_move')} />
      </PostForm>
      {moved && (
        <PostForm action="/dev/horloge/reinitialiser">
          <SubmitButton label={t('dev.clock_reset')} secondary />
        </PostForm>
      )}
    </Layout>
  );
}
