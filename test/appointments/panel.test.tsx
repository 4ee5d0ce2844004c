import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { createI18n } from '../../src/platform/i18n/catalogue';
import { PageCtx, type PageContext } from '../../src/web/page-context';
import { AppointmentPanel } from '../../src/modules/appointments/views/appointment-panel';
import { parisInstant } from '../../src/modules/appointments/paris-time';

const i18n = createI18n();
const page: PageContext = { t: i18n.translator('fr'), locale: 'fr', dir: 'ltr', path: '/bureau', csrfToken: 'x', requestId: 'r', user: null, flash: null, draft: null, showDevLinks: false };
const render = (props: Parameters<typeof AppointmentPanel>[0]) => renderToString(<PageCtx.Provider value={page}>{<AppointmentPanel {...props} />}</PageCtx.Provider>);
const id = '0b6d3c1e-5d2a-4c53-9a55-2f0c6f3b7d11';

describe('AppointmentPanel (for the case view)', () => {
  it('says where the hand-over stands at each stage and links to the file’s hand-over page', () => {
    const slot = { id: 's', prefectureCode: '75', startsAt: parisInstant('2026-03-10', 9 * 60 + 15), durationMinutes: 15, capacity: 2, booked: 1, createdBy: 'u', createdAt: new Date() };
    const invitedAt = new Date('2026-03-02T10:00:00Z');
    expect(render({ app: { id, status: 'under_review', decision: null, closedAt: null }, handover: null })).toContain("Pas de titre à remettre");
    expect(render({ app: { id, status: 'decided', decision: 'favourable', closedAt: null }, handover: null })).toContain("pas encore invitée");
    expect(render({ app: { id, status: 'decided', decision: 'favourable', closedAt: null }, handover: { invitedAt, bookedAt: null, slot: null } })).toContain('Invitée à prendre rendez-vous le 2 mars 2026');
    const booked = render({ app: { id, status: 'decided', decision: 'favourable', closedAt: null }, handover: { invitedAt, bookedAt: invitedAt, slot } });
    expect(booked).toContain('Rendez-vous de remise le mardi 10 mars 2026 à 09:15.');
    expect(booked).toContain(`href="/bureau/dossiers/${id}/rendez-vous"`);
    expect(render({ app: { id, status: 'closed', decision: 'favourable', closedAt: new Date('2026-03-10T08:20:00Z') }, handover: { invitedAt, bookedAt: invitedAt, slot } })).toContain('Titre remis le 10 mars 2026');
    expect(render({ app: { id, status: 'decided', decision: 'favourable', closedAt: null }, handover: null, headingLevel: 3 })).toContain('<h3');
  });
});
