import { renderToString } from 'preact-render-to-string';
import type { Translate } from '../i18n/catalogue';

export interface MailContent {
  /** Full key prefix of the message in a catalogue, e.g. `mail.confirm_email`: `.subject` and `.body` follow. */
  template: string;
  params: Record<string, string>;
  /** A one-time code to show large. */
  code?: string;
  /** The main action, as a button in HTML and a bare link in text. */
  link?: { href: string; labelKey: string };
}

/** Renders one message in one language, as plain text and as simple, accessible HTML. */
export function renderMail(t: Translate, content: MailContent): { subject: string; text: string; html: string } {
  const subject = t(`${content.template}.subject`, content.params);
  const paragraphs = t(`${content.template}.body`, content.params).split('\n\n');
  const signature = t('mail.signature');
  const textParts = [...paragraphs];
  if (content.code) textParts.push(t('mail.code_line', { code: content.code }));
  if (content.link) textParts.push(t('mail.link_line', { label: t(content.link.labelKey), url: content.link.href }));
  textParts.push(signature);
  const html =
    '<!doctype html>' +
    renderToString(
      <html lang={t('meta.lang')}>
        <head>
          <meta charset="utf-8" />
          <title>{subject}</title>
        </head>
        <body style="font-family: Arial, sans-serif; color: #161616; max-width: 40em;">
          {paragraphs.map((p) => (
            <p>{p}</p>
          ))}
          {content.code && (
            <p style="font-size: 1.75em; letter-spacing: 0.2em; font-weight: bold;" aria-label={t('mail.code_line', { code: content.code })}>
              {content.code}
            </p>
          )}
          {content.link && (
            <p>
              <a href={content.link.href} style="background: #000091; color: #fff; padding: 0.5em 1em; text-decoration: none;">
                {t(content.link.labelKey)}
              </a>
            </p>
          )}
          <p>{signature}</p>
        </body>
      </html>,
    );
  return { subject, text: textParts.join('\n\n'), html };
}
