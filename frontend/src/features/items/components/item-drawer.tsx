import { Alert, App as AntApp, Button, Drawer, Form, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/console/load-failed';
import { ApiError, mapErrorToForm } from '@/lib/api/problem';
import {
  itemInOf,
  useCreateItem,
  useDiscardItem,
  useItemVersions,
  useNewItemVersion,
  usePublishItem,
  useRetireItem,
  useUpdateItem,
  type ItemIn,
  type ItemStatus,
  type ItemVersion,
} from '../api/manage-items';
import { useCatalogRights } from '../hooks/use-catalog-rights';
import { ITEM_FIELDS, ItemForm } from './item-form';

const STATUS_COLOURS: Record<ItemStatus, string> = { draft: 'warning', published: 'success', retired: 'default' };

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const { t } = useTranslation('console');
  return <Tag color={STATUS_COLOURS[status]}>{t(`items.statuses.${status}`)}</Tag>;
}

/** Which item the drawer shows: a new one, or any version of an existing one. */
export type DrawerTarget = { kind: 'new' } | { kind: 'item'; id: string };

interface Props {
  target: DrawerTarget | null;
  onClose: () => void;
  /** Shows another item (after one is created). */
  onTarget: (target: DrawerTarget) => void;
}

/** The item editor: its versions, the chosen version's fields, and what the user may do. */
export function ItemDrawer({ target, onClose, onTarget }: Props) {
  const { t } = useTranslation('console');
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size="large"
      rootClassName="item-drawer"
      destroyOnHidden
      title={target?.kind === 'new' ? t('items.editor.createTitle') : t('items.editor.versions')}
    >
      {target?.kind === 'new' && <NewItem onCreated={(id) => onTarget({ kind: 'item', id })} />}
      {target?.kind === 'item' && <ItemVersions key={target.id} id={target.id} onGone={onClose} />}
    </Drawer>
  );
}

function useErrorTexts() {
  const { t } = useTranslation(['console', 'common']);
  return { network: t('common:errors.network'), server: t('common:errors.server') };
}

function FormErrors({ errors }: { errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="action-errors"
      style={{ marginBottom: 16 }}
      title={errors.length === 1 ? errors[0] : undefined}
      description={errors.length > 1 ? <ul>{errors.map((e) => <li key={e}>{e}</li>)}</ul> : undefined}
    />
  );
}

function NewItem({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation('console');
  const { message } = AntApp.useApp();
  const rights = useCatalogRights();
  const [form] = Form.useForm<ItemIn>();
  const create = useCreateItem();
  const [errors, setErrors] = useState<string[]>([]);
  const fallback = useErrorTexts();
  const submit = async (values: ItemIn) => {
    setErrors([]);
    try {
      const created = await create.mutateAsync({ ...values, materials: values.materials ?? [] });
      void message.success(t('items.editor.done.created'));
      onCreated(created.id);
    } catch (error) {
      const view = mapErrorToForm(error, ITEM_FIELDS, fallback);
      form.setFields(ITEM_FIELDS.map((name) => ({ name, errors: view.fields[name] ?? [] })));
      setErrors(view.form);
    }
  };
  return (
    <>
      <FormErrors errors={errors} />
      <ItemForm
        form={form}
        initialValues={{
          department_id: rights.ownDepartment,
          allows_tolerance: false,
          allows_commitment: false,
          materials: [],
        }}
        codeFixed={false}
        departmentFixed={rights.ownDepartment !== undefined}
        disabled={false}
        onFinish={(v) => void submit(v)}
      />
      <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
        {t('items.editor.actions.create')}
      </Button>
    </>
  );
}

/** `onGone`: the version the drawer was opened with was discarded (nothing left to show by it). */
function ItemVersions({ id, onGone }: { id: string; onGone: () => void }) {
  const { t } = useTranslation('console');
  const versions = useItemVersions(id);
  const [selected, setSelected] = useState<string | undefined>();
  const list = versions.data ?? [];
  // The draft when there is one, else the newest version.
  const chosen = list.find((v) => v.id === selected) ?? list.find((v) => v.status === 'draft') ?? list[0];
  if (versions.isError) return <LoadFailed error={versions.error} onRetry={() => void versions.refetch()} />;
  return (
    <>
      {chosen && (
        <Typography.Title level={2} style={{ fontSize: 20 }}>
          {t('items.editor.title', { name: chosen.name })}
        </Typography.Title>
      )}
      <Table<ItemVersion>
        size="small"
        rowKey="id"
        loading={versions.isPending}
        pagination={false}
        dataSource={list}
        aria-label={t('items.editor.versions')}
        rowClassName={(v) => (v.id === chosen?.id ? 'ant-table-row-selected' : '')}
        columns={[
          { key: 'version', title: t('items.editor.versionColumns.version'), render: (_, v) => t('items.editor.versionN', { version: v.version }) },
          { key: 'status', title: t('items.editor.versionColumns.status'), render: (_, v) => <ItemStatusTag status={v.status} /> },
          { key: 'valid_from', title: t('items.editor.versionColumns.validFrom'), render: (_, v) => v.valid_from ?? '—' },
          { key: 'valid_until', title: t('items.editor.versionColumns.validUntil'), render: (_, v) => v.valid_until ?? '—' },
          {
            key: 'actions',
            title: t('items.editor.versionColumns.actions'),
            render: (_, v) => (
              <Button
                size="small"
                disabled={v.id === chosen?.id}
                aria-label={`${t('items.editor.view')} ${t('items.editor.versionN', { version: v.version })}`}
                onClick={() => setSelected(v.id)}
              >
                {t('items.editor.view')}
              </Button>
            ),
          },
        ]}
        style={{ marginBottom: 24 }}
      />
      {chosen && (
        <VersionEditor
          key={`${chosen.id}-${chosen.revision}`}
          version={chosen}
          hasDraft={list.some((v) => v.status === 'draft')}
          onSelect={setSelected}
          onDiscarded={(discarded) => (discarded === id ? onGone() : setSelected(undefined))}
        />
      )}
    </>
  );
}

function VersionEditor({
  version,
  hasDraft,
  onSelect,
  onDiscarded,
}: {
  version: ItemVersion;
  hasDraft: boolean;
  onSelect: (id: string | undefined) => void;
  onDiscarded: (id: string) => void;
}) {
  const { t } = useTranslation('console');
  const { message, modal } = AntApp.useApp();
  const rights = useCatalogRights();
  const [form] = Form.useForm<ItemIn>();
  const [errors, setErrors] = useState<string[]>([]);
  const fallback = useErrorTexts();
  const update = useUpdateItem();
  const newVersion = useNewItemVersion();
  const publish = usePublishItem();
  const retire = useRetireItem();
  const discard = useDiscardItem();
  const draft = version.status === 'draft';
  const mayDraft = rights.mayDraft(version.department.id);
  const editable = draft && mayDraft;

  const run = async (action: () => Promise<unknown>, done: string) => {
    setErrors([]);
    try {
      await action();
      void message.success(done);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setErrors([t('items.editor.stale')]);
        return;
      }
      const view = mapErrorToForm(error, ITEM_FIELDS, fallback);
      form.setFields(ITEM_FIELDS.map((name) => ({ name, errors: view.fields[name] ?? [] })));
      setErrors(view.form);
    }
  };
  const confirmThen = (content: string, okText: string, action: () => Promise<unknown>, done: string) => {
    void modal.confirm({
      title: okText,
      content,
      okText: t('items.editor.confirm.ok'),
      cancelText: t('items.editor.confirm.cancel'),
      onOk: () => run(action, done),
    });
  };
  const save = (values: ItemIn) =>
    void run(
      () => update.mutateAsync({ id: version.id, revision: version.revision, body: { ...values, code: version.code, materials: values.materials ?? [] } }),
      t('items.editor.done.saved'),
    );

  return (
    <>
      {!draft && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('items.editor.readOnly')} />}
      <FormErrors errors={errors} />
      <ItemForm
        form={form}
        initialValues={itemInOf(version)}
        codeFixed
        departmentFixed={!rights.mayPublish}
        disabled={!editable}
        onFinish={save}
      />
      <Space wrap style={{ marginTop: 16 }}>
        {editable && (
          <Button type="primary" loading={update.isPending} onClick={() => form.submit()}>
            {t('items.editor.actions.save')}
          </Button>
        )}
        {draft && rights.mayPublish && (
          <Button
            loading={publish.isPending}
            onClick={() =>
              confirmThen(
                t('items.editor.confirm.publish'),
                t('items.editor.actions.publish'),
                () => publish.mutateAsync(version.id),
                t('items.editor.done.published'),
              )
            }
          >
            {t('items.editor.actions.publish')}
          </Button>
        )}
        {draft && mayDraft && (
          <Button
            danger
            loading={discard.isPending}
            onClick={() =>
              confirmThen(
                t('items.editor.confirm.discard'),
                t('items.editor.actions.discard'),
                async () => {
                  await discard.mutateAsync(version.id);
                  onDiscarded(version.id);
                },
                t('items.editor.done.discarded'),
              )
            }
          >
            {t('items.editor.actions.discard')}
          </Button>
        )}
        {!draft && !hasDraft && mayDraft && (
          <Button
            type="primary"
            loading={newVersion.isPending}
            onClick={() =>
              void run(async () => {
                const created = await newVersion.mutateAsync(version.id);
                onSelect(created.id);
              }, t('items.editor.done.newVersion'))
            }
          >
            {t('items.editor.actions.newVersion')}
          </Button>
        )}
        {version.status === 'published' && rights.mayPublish && (
          <Button
            danger
            loading={retire.isPending}
            onClick={() =>
              confirmThen(
                t('items.editor.confirm.retire'),
                t('items.editor.actions.retire'),
                () => retire.mutateAsync(version.id),
                t('items.editor.done.retired'),
              )
            }
          >
            {t('items.editor.actions.retire')}
          </Button>
        )}
      </Space>
    </>
  );
}
