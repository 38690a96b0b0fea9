import { describe, expect, it } from 'vitest';
import { resources, supportedLanguage } from '.';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('has every English text in Danish and Norwegian Bokmål, and nothing they have that English lacks', () => {
    for (const language of ['da', 'nb']) {
      for (const [namespace, content] of Object.entries(resources.en)) {
        const translated = resources[language]?.[namespace];
        expect(translated, `${language}/${namespace}.json`).toBeDefined();
        expect(keys(translated).sort(), `${language}/${namespace}.json`).toEqual(keys(content).sort());
      }
      expect(Object.keys(resources[language]).sort()).toEqual(Object.keys(resources.en).sort());
    }
  });

  it('has no empty text', () => {
    for (const [language, byNamespace] of Object.entries(resources)) {
      for (const [namespace, content] of Object.entries(byNamespace)) {
        const empty = keys(content).filter((key) => {
          const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], content);
          return typeof value !== 'string' || value.trim() === '';
        });
        expect(empty, `${language}/${namespace}`).toEqual([]);
      }
    }
  });

  it('maps the browser language to one of the three', () => {
    expect(supportedLanguage('da-DK')).toBe('da');
    expect(supportedLanguage('nb-NO')).toBe('nb');
    expect(supportedLanguage('no')).toBe('nb');
    expect(supportedLanguage('nn-NO')).toBe('nb');
    expect(supportedLanguage('en-GB')).toBe('en');
    expect(supportedLanguage('de-DE')).toBe('en');
    expect(supportedLanguage(undefined)).toBe('en');
  });
});
