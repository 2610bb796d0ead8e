import i18next, { type BackendModule, type PostProcessorModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCommon from './locales/en/common.json';

/** The interface languages; scenario content has its own (pack translations). */
export const INTERFACE_LANGUAGES = ['en', 'ko'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];
export const isInterfaceLanguage = (tag: string | null | undefined): tag is InterfaceLanguage =>
  INTERFACE_LANGUAGES.includes(tag as InterfaceLanguage);

const STORAGE_KEY = 'ttx.lang';
const PSEUDO_KEY = 'ttx.pseudo';

/**
 * The pseudo-locale: every translated string (and every date or number formatted through `Intl`
 * here) is wrapped in these marks, so a test can find the text on a page that did not come
 * through a translation. Turned on with `?pseudo=1` (kept for the tab), off with `?pseudo=0`.
 */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

function readPseudo(): boolean {
  if (typeof window === 'undefined') return false;
  const p = new URLSearchParams(window.location.search).get('pseudo');
  try {
    if (p === '1') sessionStorage.setItem(PSEUDO_KEY, '1');
    if (p === '0') sessionStorage.removeItem(PSEUDO_KEY);
    return sessionStorage.getItem(PSEUDO_KEY) === '1';
  } catch {
    return p === '1';
  }
}
export const pseudo = readPseudo();
export const markPseudo = (s: string) => (pseudo ? `${PSEUDO_OPEN}${s}${PSEUDO_CLOSE}` : s);

/** `?lng=ko` first, then the choice this browser remembers, then the browser's own languages; English otherwise. */
function initialLanguage(): InterfaceLanguage {
  if (typeof window === 'undefined') return 'en';
  const param = new URLSearchParams(window.location.search).get('lng');
  if (isInterfaceLanguage(param)) {
    remember(param);
    return param;
  }
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isInterfaceLanguage(stored)) return stored;
  } catch {
    // storage refused (private mode): the browser's languages decide
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isInterfaceLanguage(base)) return base;
  }
  return 'en';
}

function remember(lng: InterfaceLanguage) {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not remembered across visits; the page still switches
  }
}

// every namespace but English `common` (the fallback, in the main bundle) is a JSON chunk of its own, fetched
// with the feature or the language that needs it (no network beyond our own server); Korean `common` is
// fetched before the first render in Korean (Suspense), so an English reader does not download it
const chunks = import.meta.glob<{ default: ResourceKey }>(['./locales/*/*.json', '!./locales/en/common.json']);
const lazyNamespaces: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, ns, done) {
    const load = chunks[`./locales/${lng}/${ns}.json`];
    if (!load) return done(null, {});
    load().then(
      (m) => done(null, m.default),
      (e: unknown) => done(e instanceof Error ? e : new Error(String(e)), null),
    );
  },
};

const pseudoMarks: PostProcessorModule = {
  type: 'postProcessor',
  name: 'pseudo',
  process: (value: string) => markPseudo(value),
};

void i18next
  .use(lazyNamespaces)
  .use(pseudoMarks)
  .use(initReactI18next)
  .init({
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...INTERFACE_LANGUAGES],
    ns: ['common'],
    defaultNS: 'common',
    resources: { en: { common: enCommon } },
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
    postProcess: pseudo ? ['pseudo'] : false,
    returnNull: false,
    react: { useSuspense: true },
  });

const setHtmlLang = (lng: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
};
setHtmlLang(i18next.language);
i18next.on('languageChanged', setHtmlLang);

/** Switch the interface language in place (no reload, nothing lost) and remember it in this browser. */
export async function setInterfaceLanguage(lng: InterfaceLanguage): Promise<void> {
  remember(lng);
  if (i18next.language !== lng) await i18next.changeLanguage(lng);
}

export const currentLanguage = (): InterfaceLanguage =>
  isInterfaceLanguage(i18next.language) ? i18next.language : 'en';

export { i18next };
