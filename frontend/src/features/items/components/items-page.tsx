import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CursorTable } from '@/components/console/cursor-table';
import { LabelledSelect } from '@/components/console/labelled-select';
import { CatalogWorkbook } from './catalog-workbook';
import { codeList } from '@/lib/api/codes';
import { useItems, type Item, type Stage } from '../api/list-items';
import { STAGES, isStage } from '@/lib/cases/stages';
import { DurationText } from '@/components/duration-text';
import type { ItemStatus } from '../api/manage-items';
import { useCatalogRights } from '../hooks/use-catalog-rights';
import { ItemDrawer, ItemStatusTag, type DrawerTarget } from './item-drawer';

const STATUSES = codeList<ItemStatus>({ draft: true, published: true, retired: true });
const isStatus = (value: string | null): value is ItemStatus => STATUSES.includes(value as ItemStatus);

export function ItemsPage() {
  const { t } = useTranslation(['console', 'common']);
  const [params, setParams] = useSearchParams();
  const stageParam = params.get('stage');
  const stage: Stage | undefined = isStage(stageParam) ? stageParam : undefined;
  const statusParam = params.get('status');
  const rights = useCatalogRights();
  const status: ItemStatus | undefined = rights.editor && isStatus(statusParam) ? statusParam : undefined;
  const query = useItems({ ...(stage ? { stage } : {}), ...(status ? { status } : {}) });
  const [drawer, setDrawer] = useState<DrawerTarget | null>(null);

  const setParam = (name: 'stage' | 'status', next: string | undefined) => {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set(name, next);
        else updated.delete(name);
        return updated;
      },
      { replace: true },
    );
  };
  const setStage = (next: Stage | undefined) => setParam('stage', next);

  const columns: ColumnsType<Item> = [
    { key: 'code', dataIndex: 'code', title: t('console:items.columns.code'), width: 110 },
    {
      key: 'name',
      title: t('console:items.columns.name'),
      render: (_, item) => (
        <Button
          type="link"
          className="item-open"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          aria-label={t('console:items.open', { name: item.name })}
          onClick={() => setDrawer({ kind: 'item', id: item.id })}
        >
          {item.name}
        </Button>
      ),
    },
    {
      key: 'version',
      title: t('console:items.columnsExtra.version'),
      width: 80,
      render: (_, item) => (
        <Space size={4} wrap>
          <span>{`v${item.version}`}</span>
          {item.status !== 'published' && <ItemStatusTag status={item.status} />}
        </Space>
      ),
    },
    {
      key: 'department',
      title: t('console:items.columns.department'),
      width: 150,
      render: (_, item) => item.department.name,
    },
    {
      key: 'stage',
      title: t('console:items.columns.stage'),
      width: 170,
      render: (_, item) => t(`common:stages.${item.stage}`),
    },
    {
      key: 'legal_limit',
      title: t('console:items.columns.legalLimit'),
      width: 120,
      render: (_, item) => <DurationText value={item.legal_limit} />,
    },
    {
      key: 'promised_limit',
      title: t('console:items.columns.promisedLimit'),
      width: 120,
      render: (_, item) => <DurationText value={item.promised_limit} />,
    },
    {
      key: 'materials',
      title: t('console:items.columns.materials'),
      width: 100,
      render: (_, item) => t('console:items.materialsCount', { count: item.materials.length }),
    },
  ];

  return (
    <>
      <title>{`${t('console:items.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('console:items.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('console:items.intro')}</Typography.Paragraph>
      <Space className="filter-bar">
        <LabelledSelect<Stage | 'all'>
          label={t('console:items.stageFilter')}
          value={stage ?? 'all'}
          onChange={(value) => setStage(value === 'all' ? undefined : value)}
          style={{ minWidth: 260 }}
          options={[
            { value: 'all', label: t('console:items.allStages') },
            ...STAGES.map((s) => ({ value: s, label: t(`common:stages.${s}`) })),
          ]}
        />
        {rights.editor && (
          <LabelledSelect<ItemStatus | 'in_force'>
            label={t('console:items.statusFilter')}
            value={status ?? 'in_force'}
            onChange={(value) => setParam('status', value === 'in_force' ? undefined : value)}
            style={{ minWidth: 160 }}
            options={[
              { value: 'in_force', label: t('console:items.inForce') },
              { value: 'draft', label: t('console:items.statuses.draft') },
              { value: 'retired', label: t('console:items.statuses.retired') },
            ]}
          />
        )}
        {rights.editor && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ kind: 'new' })}>
            {t('console:items.newItem')}
          </Button>
        )}
        <CatalogWorkbook stage={stage} />
      </Space>
      <CursorTable<Item>
        query={query}
        columns={columns}
        expandable={{
          rowExpandable: (item) => item.materials.length > 0,
          expandedRowRender: (item) => (
            <div>
              <Typography.Text strong>{t('console:items.materialsHeading')}</Typography.Text>
              <ol className="materials">
                {item.materials.map((material, index) => (
                  <li key={`${index}-${material.name}`}>
                    {material.name}{' '}
                    <Tag color={material.required ? 'blue' : 'default'}>
                      {material.required
                        ? t('console:items.material.required')
                        : t('console:items.material.optional')}
                    </Tag>
                    {material.may_be_missing && (
                      <Tag color="warning">{t('console:items.material.mayBeMissing')}</Tag>
                    )}
                  </li>
                ))}
              </ol>
            </div>
          ),
        }}
      />
      <ItemDrawer target={drawer} onClose={() => setDrawer(null)} onTarget={setDrawer} />
    </>
  );
}
