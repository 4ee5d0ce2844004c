import QRCode from 'qrcode';

/**
 * A QR code as an `<img>` source: SVG (sharp at any size, a few kilobytes) in a data URI,
 * which the CSP allows (`img-src data:`) where inline markup would not need to be trusted.
 */
export async function qrCodeDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
