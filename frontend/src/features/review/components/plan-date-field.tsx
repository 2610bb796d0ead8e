import '@mantine/dates/styles.css';
import 'dayjs/locale/ko';
import { DatePickerInput, DatesProvider, type DayOfWeek } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { markPseudo } from '../../../i18n/i18n';

/** `2026-12-07` as that calendar day, whatever the reader's time zone (formatted in UTC below). */
const dayOf = (iso: string) => {
  const [y = 1970, m = 1, d = 1] = iso.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

/** today as the reader's calendar has it (`YYYY-MM-DD`, local time) */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

type WeekInfo = { firstDay: number };
/** The first day of the week where the interface language is spoken (`Intl.Locale` week info; Monday where unknown). */
function firstDayOfWeek(lng: string): DayOfWeek {
  const locale = new Intl.Locale(lng) as Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };
  const info = locale.getWeekInfo?.() ?? locale.weekInfo;
  return ((info?.firstDay ?? 1) % 7) as DayOfWeek;
}

/**
 * A calendar date of the improvement plan (start, completion): shown and picked in the interface
 * language (`Intl`), not the browser's, and saved as the ISO date (`YYYY-MM-DD`) the API takes.
 * A button that opens a month calendar (the focus on the chosen day, arrow keys move between days,
 * Enter picks, Escape closes; a modal on a phone), with a clear button while it holds a date.
 */
export function PlanDateField({
  label,
  ariaLabel,
  value,
  onChange,
  readOnly,
  narrow,
}: {
  label?: string | undefined;
  ariaLabel: string;
  value: string | null;
  onChange: (value: string | null) => void;
  readOnly: boolean;
  narrow: boolean;
}) {
  const { t, i18n } = useTranslation('aar');
  const lng = i18n.resolvedLanguage ?? 'en';
  const format = (opts: Intl.DateTimeFormatOptions) => (iso: string) =>
    markPseudo(new Intl.DateTimeFormat(lng, { ...opts, timeZone: 'UTC' }).format(dayOf(iso)));
  const long = format({ dateStyle: 'long' });
  return (
    <DatesProvider settings={{ locale: lng, firstDayOfWeek: firstDayOfWeek(lng) }}>
      <DatePickerInput
        translate="no"
        label={label}
        aria-label={value ? `${ariaLabel}: ${long(value)}` : ariaLabel}
        placeholder={t('plan.date.none')}
        value={value}
        onChange={(v) => onChange(v ? v.slice(0, 10) : null)}
        readOnly={readOnly}
        clearable={!readOnly}
        clearButtonProps={{ 'aria-label': t('plan.date.clear', { field: ariaLabel }) }}
        leftSection={<IconCalendar size={14} aria-hidden />}
        valueFormatter={({ date }) => (typeof date === 'string' ? format({ dateStyle: 'medium' })(date) : '')}
        dropdownType={narrow ? 'modal' : 'popover'}
        miw={narrow ? undefined : 150}
        highlightToday
        modalProps={{ title: ariaLabel, centered: true }}
        monthLabelFormat={format({ year: 'numeric', month: 'long' })}
        yearLabelFormat={format({ year: 'numeric' })}
        monthsListFormat={format({ month: 'short' })}
        yearsListFormat={format({ year: 'numeric' })}
        weekdayFormat={format({ weekday: 'narrow' })}
        getDayAriaLabel={long}
        // the calendar opens with the focus on the chosen day (today without one): the arrows move from there
        getDayProps={(date) => (date.slice(0, 10) === (value ?? today()) ? { 'data-autofocus': true } : {})}
        ariaLabels={{
          nextMonth: t('plan.date.nextMonth'),
          previousMonth: t('plan.date.previousMonth'),
          nextYear: t('plan.date.nextYear'),
          previousYear: t('plan.date.previousYear'),
          nextDecade: t('plan.date.nextDecade'),
          previousDecade: t('plan.date.previousDecade'),
          monthLevelControl: t('plan.date.monthLevel'),
          yearLevelControl: t('plan.date.yearLevel'),
        }}
        data-testid="plan-date"
        data-value={value ?? ''}
      />
    </DatesProvider>
  );
}
