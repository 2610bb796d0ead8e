import { formatNumber } from '../../i18n/format';
import {
  IconAlertTriangle,
  IconBrandX,
  IconFileReport,
  IconMail,
  IconMessage,
  IconNews,
  IconPhone,
  IconReportAnalytics,
  IconVideo,
  type Icon,
} from '@tabler/icons-react';
import type { Channel, PlayerInjectView } from '../../lib/api-types';

export const CHANNEL_INFO: Record<Channel, { label: string; icon: Icon }> = {
  email: { label: 'Email', icon: IconMail },
  news: { label: 'News', icon: IconNews },
  social: { label: 'Social media', icon: IconBrandX },
  siem: { label: 'SIEM alert', icon: IconAlertTriangle },
  intel: { label: 'Intelligence report', icon: IconReportAnalytics },
  phone: { label: 'Phone / radio', icon: IconPhone },
  sitrep: { label: 'SITREP', icon: IconFileReport },
  chat: { label: 'Chat', icon: IconMessage },
  video: { label: 'Video', icon: IconVideo },
};

export const metaText = (inject: PlayerInjectView, key: string): string | undefined => {
  const v = inject.meta[key];
  return v === undefined || v === '' ? undefined : String(v);
};

export const metaNumber = (inject: PlayerInjectView, key: string): number | undefined => {
  const v = inject.meta[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(/[, ]/g, '')) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** A count as social networks show it (8.9K, 8.9천), in the interface language. */
export const formatCount = (n: number | undefined) =>
  formatNumber(n ?? 0, { notation: 'compact', maximumFractionDigits: 1 });

/** Meta fields a channel view did not already show, for a small "details" list. */
export const otherMeta = (inject: PlayerInjectView, shown: readonly string[]) =>
  Object.entries(inject.meta).filter(([k]) => !shown.includes(k));

export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
