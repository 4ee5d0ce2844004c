import { MAX_ASPECT_RATIO, MAX_IMAGE_PIXELS, MAX_UPLOAD_BYTES } from '../inspect-upload';

/** Where a refusal is shown: next to the file field, the vault choice, or above the forms. */
export interface Refusal {
  field: 'file' | 'documentId' | 'kind' | '_form';
  key: string;
}

/** The numbers the refusal messages quote, so that the text follows the constants. */
export const refusalParams = {
  max: MAX_UPLOAD_BYTES / (1024 * 1024),
  megapixels: MAX_IMAGE_PIXELS / 1_000_000,
  ratio: MAX_ASPECT_RATIO,
};
