import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ImageMap, SavedPack, ValidationReport } from './author-types';
import { uploadFile } from './upload-file';

export const authorKeys = {
  packs: ['author', 'packs'] as const,
  source: (id: string) => ['author', 'source', id] as const,
  images: (id: string) => ['author', 'images', id] as const,
};

export const getPacksQueryOptions = () =>
  queryOptions({ queryKey: authorKeys.packs, queryFn: () => api.get('/scenarios') });
export const usePacks = () => useQuery(getPacksQueryOptions());

export const getPackSourceQueryOptions = (id: string) =>
  queryOptions({
    queryKey: authorKeys.source(id),
    queryFn: () => api.get('/authoring/packs/{id}/source', { path: { id } }),
    staleTime: Infinity,
  });
export const usePackSource = (id: string | null) =>
  useQuery({ ...getPackSourceQueryOptions(id ?? ''), enabled: id !== null });

export const validatePack = (yaml: string, images: ImageMap, signal?: AbortSignal) =>
  fetch('/api/authoring/packs/validate', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ yaml, images }),
    signal,
  }).then(async (r) => {
    if (!r.ok) throw new Error(((await r.json()) as { message?: string }).message ?? r.statusText);
    return (await r.json()) as ValidationReport;
  });

export function useSavePack() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { yaml: string; images: ImageMap }) => api.post('/authoring/packs', { body: v }),
    // the list, and what the editor loads when the pack is opened again, are now the new version
    onSuccess: (saved, v) => {
      qc.setQueryData(authorKeys.source(saved.packId), { yaml: v.yaml });
      qc.removeQueries({ queryKey: authorKeys.images(saved.packId), type: 'inactive' });
      return Promise.all([
        qc.invalidateQueries({ queryKey: authorKeys.packs }),
        qc.invalidateQueries({ queryKey: authorKeys.images(saved.packId) }),
      ]);
    },
  });
}

export function useImportPackZip() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadFile<SavedPack & { ignored: string[] }>('/authoring/packs/import', file),
    onSuccess: () => qc.invalidateQueries({ queryKey: authorKeys.packs }),
  });
}
