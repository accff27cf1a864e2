import { A } from '@solidjs/router';
import { useI18n } from '../i18n/index.js';

export default function NotFound() {
  const { t } = useI18n();
  return (
    <section class="panel">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p><A href="/">{t('notFound.home')}</A></p>
    </section>
  );
}
