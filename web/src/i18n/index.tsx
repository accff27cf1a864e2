/**
 * Two languages, zh-CN (default) and English. Every visible string comes from the dictionaries;
 * the <html lang> follows the choice, which is remembered in localStorage. The English dictionary is
 * its own chunk, fetched when first chosen, so the first load carries only the default language.
 */
import { createContext, createEffect, createSignal, useContext, type Accessor, type ParentProps } from 'solid-js';
import { fieldMessageZh } from './field-messages.js';
import { zhCN, type MessageKey } from './zh-cn.js';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };
const DICTIONARIES: Partial<Record<Locale, Record<MessageKey, string>>> = { 'zh-CN': zhCN };
const LOADERS: Record<Locale, () => Promise<Record<MessageKey, string>>> = {
  'zh-CN': async () => zhCN,
  en: async () => (await import('./en.js')).en,
};
const LOCALE_KEY = 'kedai.locale';

export interface I18n {
  locale: Accessor<Locale>;
  setLocale(locale: Locale): Promise<void>;
  /** A message, with `{name}` placeholders filled from vars. */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** An enumerated value's label (`status.approved`), or the raw value when the dictionary has none. */
  tx(prefix: string, value: string | null | undefined): string;
  /** Pick the text of a `{ zh, en }` pair from the API. */
  pick(text: { zh: string; en: string } | undefined): string;
  /** A validation message from the shared schemas or the API, in the page's language. */
  fieldMessage(message: string | undefined): string | undefined;
}

const I18nContext = createContext<I18n>();

function initialLocale(): Locale {
  // The build prerenders in the default language, where there is no storage.
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(LOCALE_KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

export function I18nProvider(props: ParentProps) {
  const [locale, setLocaleSignal] = createSignal<Locale>('zh-CN');
  const dict = () => DICTIONARIES[locale()] ?? zhCN;
  createEffect(() => {
    document.documentElement.lang = locale();
    document.title = dict()['app.title'];
  });
  async function switchTo(next: Locale) {
    DICTIONARIES[next] ??= await LOADERS[next]();
    setLocaleSignal(next);
  }
  if (initialLocale() !== 'zh-CN') void switchTo(initialLocale());
  const fill = (text: string, vars?: Record<string, string | number>) =>
    vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  const i18n: I18n = {
    locale,
    async setLocale(next) {
      localStorage.setItem(LOCALE_KEY, next);
      await switchTo(next);
    },
    t: (key, vars) => fill(dict()[key] ?? key, vars),
    tx(prefix, value) {
      if (value === null || value === undefined || value === '') return '—';
      return (dict() as Record<string, string>)[`${prefix}.${value}`] ?? value;
    },
    pick: (text) => (text ? (locale() === 'zh-CN' ? text.zh : text.en) : ''),
    fieldMessage: (message) => (message && locale() === 'zh-CN' ? fieldMessageZh(message) : message),
  };
  return <I18nContext.Provider value={i18n}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside <I18nProvider>');
  return i18n;
}
