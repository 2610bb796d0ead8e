import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InjectOrigin, PackError, PackErrorParams } from './pack-file.js';
import type { ScenarioPack } from './pack-schema.js';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** One image may weigh this much; a pack's images together at most MAX_PACK_IMAGES_BYTES. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_PACK_IMAGES_BYTES = 20 * 1024 * 1024;

/** An image a pack holds, by its path in the pack. `data` is absent when the bytes are already stored. */
export interface PackImage {
  path: string;
  sha256: string;
  contentType: ImageType;
  size: number;
  data?: Buffer;
}

/** An image already stored (uploaded from the editor, or kept by an earlier version). */
export type StoredImageRef = Omit<PackImage, 'path' | 'data'>;

/**
 * The image type told by the file's first bytes, never by its name: PNG, JPEG, GIF or WebP.
 * Anything else (SVG, which can carry script, HTML, or a renamed file) gives null.
 */
export function sniffImageType(data: Buffer): ImageType | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  const head = data.subarray(0, 12).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'image/gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** What is wrong with an image, in English and by code (`packError.<code>`), for a pack error. */
interface ImageIssue {
  message: string;
  code: string;
  params: PackErrorParams;
}

function imageIssue(name: string, data: Buffer): ImageIssue | null {
  if (data.length > MAX_IMAGE_BYTES) {
    const size = (data.length / 1024 / 1024).toFixed(1);
    const limit = MAX_IMAGE_BYTES / 1024 / 1024;
    return {
      message: `image "${name}" is ${size} MiB; the limit is ${limit} MiB`,
      code: 'image.tooLarge',
      params: { path: name, size, limit },
    };
  }
  if (!sniffImageType(data))
    return {
      message: `image "${name}" is not a PNG, JPEG, GIF or WebP image (its content was checked, not its name; SVG is not accepted)`,
      code: 'image.notImage',
      params: { path: name },
    };
  return null;
}

/** Why these bytes may not be a pack image, or null when they may. */
export function imageProblem(name: string, data: Buffer): string | null {
  return imageIssue(name, data)?.message ?? null;
}

export const sha256Of = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Every image the injects show, read from the pack folder (checked by content and size) or taken
 * from the images already stored; each problem is reported at the artifact that names the file.
 */
export function checkPackImages(
  pack: ScenarioPack,
  origins: readonly InjectOrigin[],
  folder: string,
  stored: ReadonlyMap<string, StoredImageRef>,
): { errors: PackError[]; images: PackImage[] } {
  const errors: PackError[] = [];
  const read = new Map<string, PackImage | ImageIssue>();
  pack.injects.forEach((inj, i) => {
    inj.artifacts.forEach((a, k) => {
      if (a.kind !== 'image') return;
      const origin = origins[i];
      if (!origin) throw new Error(`no origin for inject ${i}`);
      const image = read.get(a.path) ?? readImage(a.path, folder, stored);
      read.set(a.path, image);
      if ('code' in image)
        errors.push(
          origin.file.error(['injects', origin.index, 'artifacts', k, 'path'], image.message, image.code, image.params),
        );
    });
  });
  const images = [...read.values()]
    .filter((x): x is PackImage => !('code' in x))
    .sort((a, b) => a.path.localeCompare(b.path));
  let total = 0;
  for (const image of images) {
    total += image.size;
    if (total > MAX_PACK_IMAGES_BYTES) {
      errors.push({
        file: 'pack.yaml',
        line: 1,
        column: 1,
        path: '(root)',
        message: `the pack's images weigh more than ${MAX_PACK_IMAGES_BYTES / 1024 / 1024} MiB together (at "${image.path}")`,
        code: 'image.packTooLarge',
        params: { limit: MAX_PACK_IMAGES_BYTES / 1024 / 1024, path: image.path },
      });
      break;
    }
  }
  return { errors, images };
}

/** The image at `path`: from the pack folder, else from the stored images; an issue says what is wrong. */
function readImage(path: string, folder: string, stored: ReadonlyMap<string, StoredImageRef>): PackImage | ImageIssue {
  if (/\.svg$/i.test(path))
    return {
      message: `image "${path}": SVG is not accepted (it can carry script); use PNG, JPEG, GIF or WebP`,
      code: 'image.svg',
      params: { path },
    };
  const file = join(folder, path);
  if (existsSync(file) && statSync(file).isFile()) {
    const data = readFileSync(file);
    const contentType = sniffImageType(data);
    const problem = imageIssue(path, data);
    if (problem || !contentType)
      return problem ?? { message: `image "${path}" cannot be read`, code: 'image.unreadable', params: { path } };
    return { path, sha256: sha256Of(data), contentType, size: data.length, data };
  }
  const ref = stored.get(path);
  return ref
    ? { path, ...ref }
    : { message: `image file "${path}" not found in the pack`, code: 'image.notFound', params: { path } };
}
