import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { StoredImage } from './author-types';
import { authorKeys } from './packs';
import { uploadFile } from './upload-file';

/** The images a stored pack version holds, by their path in the pack. */
export const getPackImagesQueryOptions = (id: string) =>
  queryOptions({
    queryKey: authorKeys.images(id),
    queryFn: () => api.get('/authoring/packs/{id}/images', { path: { id } }),
    staleTime: Infinity,
  });
export const usePackImages = (id: string | null) =>
  useQuery({ ...getPackImagesQueryOptions(id ?? ''), enabled: id !== null });

/** Upload an image for an artifact; the server checks its type by content and keeps it until a pack version uses it. */
export const useUploadImage = () =>
  useMutation({
    mutationFn: (file: File) => uploadFile<StoredImage>('/authoring/images', file, { fileName: file.name }),
  });

/** What the editor's preview shows for an uploaded image. */
export const authorImageUrl = (sha256: string) => `/api/authoring/images/${sha256}`;
