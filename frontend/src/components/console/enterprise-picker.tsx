import { Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enterpriseSearchTerm, useEnterpriseSearch, type Enterprise } from '@/lib/enterprises/enterprise-search';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { NamedSelect, type NamedSelectProps } from './named-select';

/** How long typing pauses before the search is sent. */
const SEARCH_DELAY_MS = 300;

export interface EnterprisePickerProps
  extends Omit<NamedSelectProps<string>, 'options' | 'showSearch' | 'onChange' | 'loading' | 'notFoundContent' | 'labelRender'> {
  /** From `Form.Item`: the chosen enterprise's id. */
  onChange?: (id: string) => void;
  /** The enterprise chosen or registered last: shown even when the current results lack it. */
  chosen: Enterprise | null;
  /** Called with the enterprise picked from the results, before `onChange`. */
  onChoose: (enterprise: Enterprise) => void;
  /** What to say when the search finds nothing (the form may offer what to do instead). */
  noneFound: string;
}

const enterpriseLabel = (e: Enterprise) => `${e.name}（${e.credit_code}）`;

/**
 * A registered enterprise, searched for on the server: what is typed (part of the name, or the
 * start of the credit code) is sent once typing pauses; with nothing typed, the first page.
 */
export function EnterprisePicker({ chosen, onChoose, noneFound, value, onChange, onOpenChange, ...props }: EnterprisePickerProps) {
  const { t } = useTranslation('common');
  const [typed, setTyped] = useState('');
  const term = enterpriseSearchTerm(typed);
  const sent = useDebouncedValue(term, SEARCH_DELAY_MS);
  const results = useEnterpriseSearch(sent);
  const searching = results.isFetching || term !== sent;

  return (
    <NamedSelect<string>
      {...props}
      // None chosen yet (`''`): the placeholder, not an empty choice.
      value={value || null}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={searching}
      options={(results.data ?? []).map((e) => ({ value: e.id, label: enterpriseLabel(e) }))}
      notFoundContent={
        results.isError ? (
          t('status.loadFailed')
        ) : searching ? (
          <span>
            <Spin size="small" /> {t('status.loading')}
          </span>
        ) : (
          noneFound
        )
      }
      // The chosen enterprise keeps its name when the results no longer list it.
      labelRender={({ value: id, label }) => (chosen && id === chosen.id ? enterpriseLabel(chosen) : label)}
      onChange={(id) => {
        const picked = results.data?.find((e) => e.id === id);
        if (picked) onChoose(picked);
        onChange?.(id);
      }}
      onOpenChange={(open) => {
        // The search box empties on closing; so does the search.
        if (!open) setTyped('');
        onOpenChange?.(open);
      }}
    />
  );
}
