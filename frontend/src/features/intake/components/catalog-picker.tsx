import { Checkbox, Collapse, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '@/lib/cases/api/list-catalog';
import { STAGES } from '@/lib/cases/stages';

interface CatalogPickerProps {
  /** Set by Form.Item: scrolling to the field's error lands here. */
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  catalog: readonly CatalogItem[];
  /** Text the items' names must contain (the filter sits outside the form field, unaffected by its error state). */
  filter: string;
}

/**
 * The items wanted, chosen from the catalog grouped by stage (SPEC §2). A filter by name opens
 * the stages that have a match; each stage shows how many of its items are chosen.
 */
export function CatalogPicker({ id, value = [], onChange, catalog, filter }: CatalogPickerProps) {
  const { t } = useTranslation(['intake', 'common']);
  const chosen = new Set(value);
  // Until someone opens or closes a stage, the stages with chosen items are open (a draft's).
  const [open, setOpen] = useState<string[] | null>(null);
  const needle = filter.trim().toLowerCase();

  const byStage = useMemo(() => {
    const groups = new Map<string, CatalogItem[]>();
    for (const item of catalog) {
      if (needle && !item.name.toLowerCase().includes(needle)) continue;
      groups.set(item.stage, [...(groups.get(item.stage) ?? []), item]);
    }
    return STAGES.filter((stage) => groups.has(stage)).map((stage) => ({ stage, items: groups.get(stage) ?? [] }));
  }, [catalog, needle]);

  const toggle = (itemId: string, on: boolean) =>
    onChange?.(on ? [...value, itemId] : value.filter((x) => x !== itemId));

  return (
    <div id={id} className="intake-catalog" tabIndex={-1}>
      {needle && byStage.length === 0 && <Typography.Paragraph>{t('intake:items.noMatch')}</Typography.Paragraph>}
      <Collapse
        // While filtering, every stage with a match is open.
        activeKey={
          needle
            ? byStage.map((g) => g.stage)
            : (open ?? [...new Set(catalog.filter((item) => chosen.has(item.id)).map((item) => item.stage))])
        }
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys.map(String) : [String(keys)])}
        items={byStage.map(({ stage, items }) => {
          const count = items.filter((item) => chosen.has(item.id)).length;
          const stageName = t(`common:stages.${stage}`);
          return {
            key: stage,
            label: (
              <span className="intake-catalog__stage">
                {stageName}
                {count > 0 && <Tag color="blue">{t('intake:items.chosen', { count })}</Tag>}
              </span>
            ),
            children: (
              <fieldset className="intake-catalog__group">
                <legend className="visually-hidden">{stageName}</legend>
                {items.map((item) => (
                  <Checkbox
                    key={item.id}
                    className="intake-catalog__item"
                    checked={chosen.has(item.id)}
                    onChange={(event) => toggle(item.id, event.target.checked)}
                  >
                    {item.name}
                    <span className="intake-catalog__meta">
                      {item.department.name}
                      {item.promised_limit ? ` · ${t('intake:items.promised', { limit: item.promised_limit.text })}` : ''}
                    </span>
                  </Checkbox>
                ))}
              </fieldset>
            ),
          };
        })}
      />
    </div>
  );
}
