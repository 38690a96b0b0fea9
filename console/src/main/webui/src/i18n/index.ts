import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

/** English, Danish and Norwegian Bokmål: the languages of the two products the console serves. */
export const languages = [
  { code: 'en', name: 'English' },
  { code: 'da', name: 'Dansk' },
  { code: 'nb', name: 'Norsk bokmål' },
] as const;
export type Language = (typeof languages)[number]['code'];

// Every file locales/<language>/<namespace>.json is one namespace of one language; each screen has its own file,
// so screens are translated (and tested for missing keys) independently.
const files = import.meta.glob<Record<string, unknown>>('../locales/*/*.json', { eager: true, import: 'default' });
export const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, content] of Object.entries(files)) {
  const [, language, namespace] = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path)!;
  (resources[language] ??= {})[namespace] = content;
}
export const namespaces = Object.keys(resources.en ?? {});

/** A browser that asks for Norwegian in general, or Nynorsk, gets Bokmål rather than English. */
export function supportedLanguage(code: string | undefined): Language {
  const base = (code ?? '').toLowerCase().split('-')[0];
  if (base === 'da') return 'da';
  if (base === 'nb' || base === 'no' || base === 'nn') return 'nb';
  return 'en';
}

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    ns: namespaces,
    defaultNS: 'common',
    fallbackLng: 'en',
    supportedLngs: ['en', 'da', 'nb'],
    nonExplicitSupportedLngs: false,
    load: 'languageOnly',
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: 'console.language',
      caches: ['localStorage'],
      convertDetectedLanguage: (code: string) => supportedLanguage(code),
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
document.documentElement.lang = supportedLanguage(i18n.language);

export default i18n;
