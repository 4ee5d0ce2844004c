import type { AcceptedType } from './inspect-upload';

const MAX_NAME_LENGTH = 120;

const extensionsOf: Record<AcceptedType, readonly string[]> = { pdf: ['pdf'], jpeg: ['jpg', 'jpeg', 'jpe'], png: ['png'] };

/**
 * The name a file is kept and downloaded under: the person's own name for it (they recognise
 * it in their vault), cleaned of folders, control characters and the bidirectional overrides
 * that disguise an extension (`‮fdp.exe` shown as `exe.pdf`), and ending with the extension of
 * what the file really is.
 */
export function cleanFileName(raw: string, type: AcceptedType): string {
  const withoutFolders = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const name = withoutFolders.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const ext = extensionsOf[type];
  const current = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase();
  // No leading dot: a hidden file once saved on the officer's computer.
  let stem = (current && ext.includes(current) ? name.slice(0, -current.length - 1) : name).replace(/^[.\s]+/, '');
  if (!stem) stem = 'document';
  if (stem.length > MAX_NAME_LENGTH) stem = stem.slice(0, MAX_NAME_LENGTH).trim();
  return `${stem}.${current && ext.includes(current) ? current : ext[0]}`;
}

/** RFC 6266 / 5987: a plain-ASCII fallback name, and the exact name in UTF-8 for browsers that read it. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%;]/g, '_').trim() || 'document';
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
