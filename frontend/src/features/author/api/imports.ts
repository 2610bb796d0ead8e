import { useMutation } from '@tanstack/react-query';
import type { ColumnMapping, MselPreview, OpenAevPreview } from './author-types';
import { uploadFile } from './upload-file';

export interface MselOptions {
  sheet?: string | undefined;
  headerRow?: number | undefined;
  mapping?: ColumnMapping | undefined;
  start?: string | undefined;
}

const mselQuery = (file: File, o: MselOptions) => ({
  fileName: file.name,
  sheet: o.sheet,
  headerRow: o.headerRow === undefined ? undefined : String(o.headerRow),
  mapping: o.mapping ? JSON.stringify(o.mapping) : undefined,
  start: o.start,
});

export const useMselPreview = () =>
  useMutation({
    mutationFn: (v: { file: File; options: MselOptions }) =>
      uploadFile<MselPreview>('/authoring/msel/preview', v.file, mselQuery(v.file, v.options)),
  });
export const useOpenAevPreview = () =>
  useMutation({ mutationFn: (file: File) => uploadFile<OpenAevPreview>('/authoring/openaev/preview', file) });
